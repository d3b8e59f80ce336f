import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepContent from '@mui/material/StepContent';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { AdrGraph, AdrGraphNode } from '@souverain/plugin-adr-common';
import { recordRouteRef } from '../../routes';
import { useRecordLinkState } from '../../lib/listState';
import { formatAdrNumber } from '../../lib/format';
import { StatusChip } from '../StatusChip';
import { shortEntityName } from '../../lib/useEntityTitles';

/**
 * Orders the records of a supersedes / amends graph from the oldest decision to the newest:
 * a record comes after every record it supersedes or amends; dates break ties.
 */
export function orderChain(graph: AdrGraph): AdrGraphNode[] {
  const byId = new Map(graph.nodes.map(n => [n.id, n]));
  const before = new Map<string, Set<string>>(graph.nodes.map(n => [n.id, new Set()]));
  for (const edge of graph.edges) {
    if (byId.has(edge.from) && byId.has(edge.to)) before.get(edge.from)!.add(edge.to);
  }
  const compare = (a: AdrGraphNode, b: AdrGraphNode) =>
    (a.date ?? '').localeCompare(b.date ?? '') ||
    a.entityRef.localeCompare(b.entityRef) ||
    (a.number ?? 0) - (b.number ?? 0);
  const ordered: AdrGraphNode[] = [];
  const done = new Set<string>();
  while (ordered.length < graph.nodes.length) {
    const ready = graph.nodes
      .filter(n => !done.has(n.id) && [...before.get(n.id)!].every(id => done.has(id)))
      .sort(compare);
    // A cycle (which a well-kept ADR folder never has) is broken by date.
    const next = ready[0] ?? graph.nodes.filter(n => !done.has(n.id)).sort(compare)[0];
    ordered.push(next);
    done.add(next.id);
  }
  return ordered;
}

/** The chain of decisions a record belongs to: what it superseded or amended, and what replaced it. */
export function SupersedesChain(props: { graph: AdrGraph; currentId: string; entityRef: string }) {
  const { graph, currentId, entityRef } = props;
  const recordLink = useRouteRef(recordRouteRef);
  const linkState = useRecordLinkState();
  if (graph.nodes.length < 2) {
    return null;
  }
  const nodes = orderChain(graph);
  const byId = new Map(nodes.map(n => [n.id, n]));
  const label = (node: AdrGraphNode) => {
    const number = formatAdrNumber(node.number);
    const prefix = node.entityRef !== entityRef ? `${shortEntityName(node.entityRef)} ` : '';
    return `${prefix}${number}${number ? ': ' : ''}${node.title}`;
  };
  const relations = (node: AdrGraphNode) =>
    graph.edges
      .filter(e => e.from === node.id && byId.has(e.to))
      .map(e => `${e.type} ${formatAdrNumber(byId.get(e.to)!.number) || byId.get(e.to)!.title}`);

  return (
    <InfoCard title="Decision chain" subheader="Oldest first">
      <Stepper orientation="vertical" nonLinear activeStep={nodes.findIndex(n => n.id === currentId)}>
        {nodes.map(node => {
          const current = node.id === currentId;
          return (
            <Step key={node.id} completed={false} expanded>
              <StepLabel
                icon={<StatusChip status={node.status} />}
                aria-current={current ? 'step' : undefined}
              >
                {current || !recordLink ? (
                  <Typography component="span" fontWeight={current ? 700 : 400}>
                    {label(node)}
                    {current && ' (this record)'}
                  </Typography>
                ) : (
                  <Link to={recordLink({ id: node.id })} state={linkState}>{label(node)}</Link>
                )}
              </StepLabel>
              <StepContent>
                <Box>
                  <Typography variant="caption" color="text.secondary">
                    {[node.date, ...relations(node)].filter(Boolean).join(' · ')}
                  </Typography>
                </Box>
              </StepContent>
            </Step>
          );
        })}
      </Stepper>
    </InfoCard>
  );
}
