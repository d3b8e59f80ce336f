import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import Markdown, { Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { recordRouteRef } from '../../routes';
import { useRecordLinkState } from '../../lib/listState';
import { LinkContext, resolveLink } from '../../lib/links';

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
}

const FLOW_PARENTS = ['root', 'blockquote', 'listItem', 'footnoteDefinition'];

/**
 * A remark plugin that shows raw HTML as the text it is (it never becomes DOM elements) and
 * drops the leading `# Title`, which the page already shows.
 */
function remarkSafeBody() {
  return (tree: MdNode) => {
    const walk = (node: MdNode) => {
      node.children?.forEach(child => {
        if (child.type === 'html') {
          // Inline HTML becomes text; a block of HTML becomes a code block showing its source.
          child.type = FLOW_PARENTS.includes(node.type) ? 'code' : 'text';
        }
        walk(child);
      });
    };
    walk(tree);
    if (tree.children?.[0]?.type === 'heading' && tree.children[0].depth === 1) {
      tree.children.shift();
    }
  };
}

/** Props of {@link AdrMarkdown}. */
export interface AdrMarkdownProps {
  markdown: string;
  /** How relative links and images of the record are resolved. */
  context: LinkContext;
}

/**
 * A record's markdown body, rendered safely: GitHub-flavoured markdown, no raw HTML, unsafe URLs
 * dropped, links to sibling records opened in the portal and other relative links resolved
 * against the record's repository (or shown as text when it is a local folder).
 */
export function AdrMarkdown(props: AdrMarkdownProps) {
  const { markdown, context } = props;
  const recordLink = useRouteRef(recordRouteRef);
  const linkState = useRecordLinkState();

  const components: Components = {
    a: ({ href, children }) => {
      const target = resolveLink(href, context);
      switch (target.kind) {
        case 'record':
          return recordLink ? (
            <Link to={recordLink({ id: target.id })} state={linkState}>{children}</Link>
          ) : (
            <>{children}</>
          );
        case 'external':
          return <Link to={target.href}>{children}</Link>;
        case 'anchor':
          return <a href={target.href}>{children}</a>;
        default:
          return (
            <Box component="span" title={href || undefined} sx={{ textDecoration: 'underline dotted' }}>
              {children}
            </Box>
          );
      }
    },
    img: ({ src, alt }) => {
      const target = resolveLink(typeof src === 'string' ? src : undefined, context, {
        image: true,
      });
      if (target.kind === 'external') {
        return <img src={target.href} alt={alt ?? ''} loading="lazy" />;
      }
      return (
        <Box component="span" sx={{ fontStyle: 'italic' }}>
          {alt ? `[image: ${alt}]` : '[image]'}
        </Box>
      );
    },
  };

  return (
    <Box
      className="adr-markdown"
      sx={theme => ({
        ...theme.typography.body1,
        overflowWrap: 'anywhere',
        '& h1, & h2': { ...theme.typography.h5, mt: 3, mb: 1 },
        '& h3': { ...theme.typography.h6, mt: 2, mb: 1 },
        '& h4, & h5, & h6': { ...theme.typography.subtitle1, fontWeight: 600, mt: 2 },
        '& > :first-of-type': { mt: 0 },
        '& p, & ul, & ol': { mt: 0, mb: 1.5 },
        '& img': { maxWidth: '100%' },
        '& code': {
          fontFamily: 'monospace',
          fontSize: '0.875em',
          backgroundColor: theme.palette.action.hover,
          borderRadius: 0.5,
          px: 0.5,
        },
        '& pre': {
          p: 1.5,
          overflowX: 'auto',
          backgroundColor: theme.palette.action.hover,
          borderRadius: 1,
        },
        '& pre code': { backgroundColor: 'transparent', p: 0 },
        '& blockquote': {
          m: 0,
          mb: 1.5,
          pl: 2,
          borderLeft: `4px solid ${theme.palette.divider}`,
          color: theme.palette.text.secondary,
        },
        '& table': { borderCollapse: 'collapse', mb: 2, display: 'block', overflowX: 'auto' },
        '& th, & td': {
          border: `1px solid ${theme.palette.divider}`,
          px: 1.5,
          py: 0.75,
          textAlign: 'left',
          verticalAlign: 'top',
        },
        '& th': { backgroundColor: theme.palette.action.hover },
      })}
    >
      <Markdown remarkPlugins={[remarkGfm, remarkSafeBody]} components={components}>
        {markdown}
      </Markdown>
    </Box>
  );
}
