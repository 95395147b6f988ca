/**
 * A room is a folder whose index.ts is its public face: code outside the room imports the folder, never a file in
 * it, so a room can rearrange its files without breaking anyone (docs/architecture.md, "Rooms"). Inside a room,
 * files import their siblings directly.
 *
 * Options: `rooms`, folders relative to the working directory; `parent/*` makes every folder directly under
 * `parent` a room.
 */
import path from 'node:path';

const SOURCE_NODES = ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'];

/** The room folder (absolute) that holds `target`, or undefined when `target` lies in no room. */
function roomOf(target, roomSpecs, cwd) {
  for (const spec of roomSpecs) {
    const everyChild = spec.endsWith('/*');
    const base = path.resolve(cwd, everyChild ? spec.slice(0, -2) : spec);
    const rest = path.relative(base, target);
    if (rest === '' || rest.startsWith('..') || path.isAbsolute(rest)) {
      if (!everyChild && rest === '') {
        return base;
      }
      continue;
    }
    return everyChild ? path.join(base, rest.split(path.sep)[0]) : base;
  }
  return undefined;
}

const isInside = (file, folder) => {
  const rest = path.relative(folder, file);
  return rest !== '' && !rest.startsWith('..') && !path.isAbsolute(rest);
};

export const roomImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Import a room through its index.ts, never a file inside it, from outside the room' },
    schema: [
      {
        type: 'object',
        properties: { rooms: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      pastIndex: "'{{source}}' reaches into the room {{room}}: import '{{instead}}' (its index.ts) instead",
    },
  },
  create(context) {
    const roomSpecs = context.options[0]?.rooms ?? [];
    const cwd = context.cwd;
    const file = path.resolve(cwd, context.filename);
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) {
        return;
      }
      const target = path.resolve(path.dirname(file), source.value);
      const room = roomOf(target, roomSpecs, cwd);
      if (!room || target === room || path.relative(room, target) === 'index' || isInside(file, room)) {
        return;
      }
      let instead = path.relative(path.dirname(file), room).split(path.sep).join('/');
      if (!instead.startsWith('.')) {
        instead = `./${instead}`;
      }
      context.report({
        node: source,
        messageId: 'pastIndex',
        data: { source: source.value, room: path.relative(cwd, room).split(path.sep).join('/'), instead },
      });
    };
    return Object.fromEntries(SOURCE_NODES.map((type) => [type, check]));
  },
};

export const ROOMS = ['src/kpi/*', 'src/reading'];

export default { rules: { 'room-imports': roomImports } };
