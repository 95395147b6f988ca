import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, FieldSet, FileUpload, Stack, Text, useStyles2 } from '@grafana/ui';
import { fetchErrorMessage } from '../../data/fetchErrors';
import {
  type CatalogChanges,
  diffCatalogs,
  formatProblem,
  importCatalog,
  publishedVersionProblems,
} from '../../kpi/catalog';
import type { Catalog } from '../../kpi/model';
import { downloadText, readFileText } from '../../utils/browserFiles';
import { CatalogLoadStatus } from '../catalog/CatalogLoadStatus';
import { ProvisionedNotice } from '../catalog/ProvisionedNotice';
import { StoredSizeNotice } from '../catalog/StoredSizeNotice';
import { useCatalog } from '../catalog/useCatalog';
import { reloadPage } from '../../utils/reloadPage';
import { testIds } from '../testIds';

type Pending =
  | { fileName: string; ok: true; catalog: Catalog; changes: CatalogChanges; refused: string[] }
  | { fileName: string; ok: false; problems: string[] };

/** The YAML library loads when a file is exported or imported, not with the config page. */
const catalogYaml = () => import('../../data/catalogYaml');

/**
 * The catalog as a YAML file: export it, or import one. An import is validated with the CLI's schema and
 * messages first and shows what it would add, change and remove; nothing is saved until the admin confirms.
 */
export function CatalogFileSection() {
  const s = useStyles2(getStyles);
  const { load, save } = useCatalog();
  const [pending, setPending] = useState<Pending>();
  const [result, setResult] = useState<{ ok: boolean; message: string }>();
  const [saving, setSaving] = useState(false);

  if (load.status !== 'loaded') {
    return (
      <FieldSet label="Catalog file">
        <CatalogLoadStatus load={load} />
      </FieldSet>
    );
  }
  const { catalog: current, provisioned } = load.catalog;

  const exportYaml = async () => downloadText('northstar-catalog.yaml', (await catalogYaml()).catalogToYaml(current));

  const readFile = async (event: React.FormEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (!file) {
      return;
    }
    setResult(undefined);
    const parsed = (await catalogYaml()).parseCatalog(file.name, await readFileText(file));
    if (!parsed.ok) {
      setPending({ fileName: file.name, ok: false, problems: parsed.problems });
      return;
    }
    setPending({
      fileName: file.name,
      ok: true,
      catalog: parsed.value,
      changes: diffCatalogs(current, parsed.value),
      refused: publishedVersionProblems(load.catalog, parsed.value).map(formatProblem),
    });
  };

  const applyImport = async (catalog: Catalog) => {
    setSaving(true);
    try {
      await save((state) => importCatalog(state, catalog));
      setResult({ ok: true, message: `Imported ${catalog.kpis.length} KPIs.` });
      setPending(undefined);
      // Grafana's Enable/Disable buttons post the settings this page loaded with: reload so they hold the import.
      reloadPage();
    } catch (error) {
      setResult({ ok: false, message: fetchErrorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FieldSet label="Catalog file" data-testid={testIds.appConfig.catalogFile}>
      <Text element="p" color="secondary">
        The catalog as YAML, in the format <code>northstar validate</code> checks and{' '}
        <code>northstar provisioning</code> turns into a provisioning file.
      </Text>
      {provisioned ? <ProvisionedNotice /> : <StoredSizeNotice size={load.catalog.size} />}
      <Stack direction="row" gap={1}>
        <Button variant="secondary" icon="download-alt" onClick={exportYaml} data-testid={testIds.appConfig.exportYaml}>
          Export YAML ({current.kpis.length} KPIs)
        </Button>
        {!provisioned && (
          <FileUpload accept=".yaml,.yml,.json" onFileUpload={readFile} showFileName>
            Import YAML…
          </FileUpload>
        )}
      </Stack>
      {pending && !pending.ok && (
        <Alert
          severity="error"
          title={`${pending.fileName} is not a valid catalog`}
          data-testid={testIds.appConfig.importProblems}
        >
          <ul>
            {pending.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      )}
      {pending?.ok && (
        <div className={s.preview} data-testid={testIds.appConfig.importPreview}>
          <ChangesList changes={pending.changes} />
          {pending.refused.length > 0 && (
            <Alert severity="error" title="Published versions cannot change in place">
              <ul>
                {pending.refused.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </Alert>
          )}
          <Stack direction="row" gap={1}>
            <Button
              onClick={() => applyImport(pending.catalog)}
              disabled={saving || pending.refused.length > 0 || noChanges(pending.changes)}
              data-testid={testIds.appConfig.importConfirm}
            >
              {saving ? 'Importing…' : `Import ${pending.fileName}`}
            </Button>
            <Button variant="secondary" onClick={() => setPending(undefined)}>
              Cancel
            </Button>
          </Stack>
        </div>
      )}
      {result && (
        <Alert severity={result.ok ? 'success' : 'error'} title={result.ok ? 'Catalog imported' : 'Not imported'}>
          {result.message}
        </Alert>
      )}
    </FieldSet>
  );
}

const noChanges = (changes: CatalogChanges) =>
  changes.added.length === 0 && changes.changed.length === 0 && changes.removed.length === 0;

function ChangesList({ changes }: { changes: CatalogChanges }) {
  if (noChanges(changes)) {
    return <Text element="p">The file holds the catalog as it is: nothing to import.</Text>;
  }
  return (
    <ul aria-label="What the import changes">
      {changes.added.map((id) => (
        <li key={`+${id}`}>Adds {id}</li>
      ))}
      {changes.changed.map(({ id, fields }) => (
        <li key={`~${id}`}>
          Changes {id}: {fields.join(', ')}
        </li>
      ))}
      {changes.removed.map((id) => (
        <li key={`-${id}`}>Removes {id}</li>
      ))}
      {changes.unchanged > 0 && <li>Leaves {changes.unchanged} KPIs as they are</li>}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  preview: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), marginTop: theme.spacing(2) }),
});
