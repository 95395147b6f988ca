import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Combobox, Field, IconButton, Input, Stack, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { sourcedKpis, type CatalogKpi } from '../../kpi/model';
import type { ValidationProblem } from '../../kpi/catalog';
import type { MemberForm } from './kpiForm';

interface Props {
  members: MemberForm[];
  onChange: (members: MemberForm[]) => void;
  /** The catalog's other KPIs: the ones that are not composites can be members. */
  choices: readonly CatalogKpi[];
  /** The problem at a path (`indicator.members[1].kpi`), once problems are shown. */
  problemAt: (path: string) => string | undefined;
  problems: readonly ValidationProblem[];
}

/** A composite's members: a KPI of the catalog and a weight per row, each with the schema's message under it. */
export function CompositeMembersField({ members, onChange, choices, problemAt, problems }: Props) {
  const s = useStyles2(getStyles);
  const options = sourcedKpis(choices).map((kpi) => ({
    value: kpi.id,
    label: kpi.name,
    description: `${kpi.id} · ${kpi.status}`,
  }));
  const change = (index: number, member: Partial<MemberForm>) =>
    onChange(members.map((current, i) => (i === index ? { ...current, ...member } : current)));
  // The sum of the weights belongs to the list as a whole, not to one row.
  const listProblem = problemAt('indicator.members') !== undefined ? wholeListProblem(problems) : undefined;
  return (
    <Field
      label="Members"
      description="KPIs of this catalog and their weights: the SLI is the weighted mean of theirs"
      invalid={Boolean(listProblem)}
      error={listProblem}
    >
      <div className={s.members} data-testid={testIds.kpiEditor.members}>
        {members.map((member, index) => {
          const kpiProblem = problemAt(`indicator.members[${index}].kpi`);
          const weightProblem = problemAt(`indicator.members[${index}].weight`);
          return (
            <Stack key={index} direction="row" gap={1} alignItems="flex-start">
              <Field label={`Member ${index + 1}`} invalid={Boolean(kpiProblem)} error={kpiProblem}>
                <Combobox
                  id={`kpi-member-${index}`}
                  options={options}
                  value={member.kpi || null}
                  onChange={(option) => change(index, { kpi: option?.value ?? '' })}
                  placeholder="Pick a KPI"
                  width={40}
                />
              </Field>
              <Field label="Weight" invalid={Boolean(weightProblem)} error={weightProblem}>
                <Input
                  id={`kpi-member-${index}-weight`}
                  value={member.weight}
                  onChange={(event) => change(index, { weight: event.currentTarget.value })}
                  width={10}
                />
              </Field>
              <IconButton
                className={s.remove}
                name="trash-alt"
                tooltip={`Remove member ${index + 1}`}
                disabled={members.length === 1}
                onClick={() => onChange(members.filter((_, i) => i !== index))}
              />
            </Stack>
          );
        })}
        <div>
          <Button
            variant="secondary"
            icon="plus"
            size="sm"
            onClick={() => onChange([...members, { kpi: '', weight: '1' }])}
            data-testid={testIds.kpiEditor.addMember}
          >
            Add member
          </Button>
        </div>
      </div>
    </Field>
  );
}

function wholeListProblem(problems: readonly ValidationProblem[]): string | undefined {
  return problems.find((problem) => problem.path === 'indicator.members')?.message;
}

const getStyles = (theme: GrafanaTheme2) => ({
  members: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  remove: css({ marginTop: theme.spacing(3.5) }),
});
