import { validateServiceName } from './serviceName';

describe('validateServiceName', () => {
  it.each(['refunds-api', 'ml-scoring2', 'abc', 'a'.repeat(50)])('accepts %s', name => {
    expect(validateServiceName(name)).toBeUndefined();
  });

  it.each([
    ['', 'required'],
    [undefined, 'required'],
    ['${{ parameters.owner }}', 'no-template-syntax'],
    ['{{ 7*7 }}', 'no-template-syntax'],
    ['{% raw %}', 'no-template-syntax'],
    ['../etc', 'no-path'],
    ['..', 'no-path'],
    ['/etc/passwd', 'no-path'],
    ['C:\\windows', 'no-path'],
    ['refunds api', 'no-spaces'],
    ['refunds\tapi', 'no-spaces'],
    ['refunds;rm -rf', 'no-spaces'],
    ['refunds;rm', 'no-shell-metacharacters'],
    ['$(whoami)', 'no-shell-metacharacters'],
    ['`id`', 'no-shell-metacharacters'],
    ['a|b', 'no-shell-metacharacters'],
    ['a>b', 'no-shell-metacharacters'],
    ['Refunds-API', 'lowercase'],
    ['refunds_api', 'charset'],
    ['réfunds', 'charset'],
    ['refunds.api', 'charset'],
    ['1refunds', 'starts-with-letter'],
    ['-refunds', 'starts-with-letter'],
    ['refunds-', 'hyphens'],
    ['refunds--api', 'hyphens'],
    ['ab', 'length'],
    ['a'.repeat(51), 'length'],
  ])('rejects %p under the rule %s, naming it', (name, rule) => {
    const problem = validateServiceName(name);
    expect(problem?.rule).toBe(rule);
    expect(problem?.message).toContain(`"${rule}"`);
  });
});
