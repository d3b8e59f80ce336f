/**
 * The rules a golden service's name must follow. The name becomes a catalog entity name, a
 * repository name, a folder, a package name, a container image and a Kubernetes label, so it
 * is held to the strictest of them. The rules are checked in order and the first one broken
 * is reported, so that `../x` is reported as a path, not as "bad characters".
 */
export interface ServiceNameRule {
  /** Stable identifier, e.g. `no-path`. */
  id: string;
  /** What the rule asks, as shown to the user. */
  description: string;
  /** True when the name breaks the rule. */
  broken(name: string): boolean;
}

/** The shortest service name accepted, in characters. */
export const SERVICE_NAME_MIN_LENGTH = 3;
/** The longest service name accepted, in characters. */
export const SERVICE_NAME_MAX_LENGTH = 50;

/** Every rule a service name is checked against, in the order they are checked. */
export const SERVICE_NAME_RULES: readonly ServiceNameRule[] = [
  {
    id: 'required',
    description: 'a name is required',
    broken: name => name.length === 0,
  },
  {
    id: 'no-template-syntax',
    description: 'template expressions such as ${{ }}, {{ }} or {% %} are not allowed',
    broken: name => /\$\{\{|\{\{|\}\}|\{%|%\}/.test(name),
  },
  {
    id: 'no-path',
    description: 'a name is not a path: no "/", "\\" or ".."',
    broken: name => /[/\\]|\.\./.test(name),
  },
  {
    id: 'no-spaces',
    description: 'no spaces or other whitespace',
    broken: name => /\s/.test(name),
  },
  {
    id: 'no-shell-metacharacters',
    description: 'no shell metacharacters such as ; & | $ ` < > ( ) * ? ! ~ # \' " { } [ ]',
    broken: name => /[;&|$`<>()*?!~#'"{}[\]\\^%=,:@+]/.test(name),
  },
  {
    id: 'lowercase',
    description: 'lower case only',
    broken: name => name !== name.toLowerCase(),
  },
  {
    id: 'charset',
    description: 'only the letters a-z, digits 0-9 and hyphens',
    broken: name => !/^[a-z0-9-]*$/.test(name),
  },
  {
    id: 'starts-with-letter',
    description: 'starts with a letter',
    broken: name => !/^[a-z]/.test(name),
  },
  {
    id: 'hyphens',
    description: 'does not end with a hyphen or hold two hyphens in a row',
    broken: name => name.endsWith('-') || name.includes('--'),
  },
  {
    id: 'length',
    description: `between ${SERVICE_NAME_MIN_LENGTH} and ${SERVICE_NAME_MAX_LENGTH} characters`,
    broken: name =>
      name.length < SERVICE_NAME_MIN_LENGTH || name.length > SERVICE_NAME_MAX_LENGTH,
  },
];

/** A broken rule: its id, and a message that names it. */
export interface ServiceNameProblem {
  rule: string;
  message: string;
}

/**
 * Checks a proposed service name. Returns the first broken rule, or undefined when the name
 * is fine. Non-strings are reported under `required`.
 */
export function validateServiceName(name: unknown): ServiceNameProblem | undefined {
  const value = typeof name === 'string' ? name : '';
  const rule = SERVICE_NAME_RULES.find(candidate => candidate.broken(value));
  if (!rule) return undefined;
  return {
    rule: rule.id,
    message: `Service name breaks the rule "${rule.id}": ${rule.description}`,
  };
}
