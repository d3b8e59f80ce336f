import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { AdrResolvedLink } from '@souverain/plugin-adr-common';
import { ReactNode } from 'react';
import { recordRouteRef } from '../../routes';
import { formatAdrNumber } from '../../lib/format';
import { useRecordLinkState } from '../../lib/listState';

function linkText(link: AdrResolvedLink): string {
  const number = formatAdrNumber(link.number);
  if (link.targetTitle) {
    return number ? `${number}: ${link.targetTitle}` : link.targetTitle;
  }
  return number || link.target;
}

/** A link to another record, or its reference as text when it is not in the index. */
export function RecordLink(props: { link: AdrResolvedLink; children?: ReactNode }) {
  const { link, children } = props;
  const recordLink = useRouteRef(recordRouteRef);
  const linkState = useRecordLinkState();
  if (!link.targetId || !recordLink) {
    return (
      <span title="This record is not in the index">
        {children ?? linkText(link)} <em>(not found)</em>
      </span>
    );
  }
  return <Link to={recordLink({ id: link.targetId })} state={linkState}>{children ?? linkText(link)}</Link>;
}
