// Types for the ESLint rule, written in plain JavaScript because eslint.config.mjs loads it without a compiler.
import type { ESLint, Rule } from 'eslint';

export declare const roomImports: Rule.RuleModule;
export declare const ROOMS: string[];
declare const plugin: ESLint.Plugin;
export default plugin;
