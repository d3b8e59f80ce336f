import { Config } from '@backstage/config';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ACCESS_LEVELS,
  AccessLevel,
  AccessPolicySummary,
  DATA_CLASSIFICATION_ANNOTATION,
  TENANT_ANNOTATION,
} from '@souverain/plugin-concierge-common';
import { Duration } from 'luxon';
import { z } from 'zod';

/** The word in `approverGroups` that stands for the resource's owner. */
export const OWNER_PLACEHOLDER = 'owner';

/** An access policy after validation. */
export interface AccessPolicy extends AccessPolicySummary {}

/** Break-glass settings after validation. */
export interface BreakGlassSettings {
  maxDurationMinutes: number;
  reviewWithinMinutes: number;
  notifyGroups: string[];
}

/** What a policy decided for one resource, access level and requester. */
export interface PolicyDecision {
  policy: AccessPolicy;
  /** Groups resolved to entity refs (the owner placeholder replaced). */
  approverGroups: string[];
}

const isoDuration = z.string().transform((value, ctx) => {
  const duration = Duration.fromISO(value);
  const minutes = duration.isValid ? duration.as('minutes') : NaN;
  if (!Number.isFinite(minutes) || minutes <= 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `"${value}" is not an ISO-8601 duration such as PT8H or PT30M`,
    });
    return z.NEVER;
  }
  return Math.round(minutes);
});

const groupRef = z.string().transform((value, ctx) => {
  if (value === OWNER_PLACEHOLDER) return value;
  try {
    const ref = parseEntityRef(value, { defaultKind: 'group', defaultNamespace: 'default' });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') throw new Error('not a group');
    return stringifyEntityRef(ref);
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `"${value}" is neither "owner" nor a group reference`,
    });
    return z.NEVER;
  }
});

const stringList = z.array(z.string().min(1)).min(1).optional();

const policySchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens'),
    description: z.string().optional(),
    match: z
      .object({
        type: stringList,
        tenant: stringList,
        lifecycle: stringList,
        dataClassification: stringList,
        accessLevel: z.array(z.enum(ACCESS_LEVELS)).min(1).optional(),
      })
      .strict()
      .default({}),
    maxDuration: isoDuration,
    approvals: z.number().int().min(0).max(2),
    approverGroups: z.array(groupRef).min(1).default([OWNER_PLACEHOLDER]),
    breakGlass: z.boolean().default(false),
  })
  .strict()
  .superRefine((policy, ctx) => {
    if (policy.approvals === 2 && policy.approverGroups.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'needs approver groups' });
    }
  });

const breakGlassSchema = z
  .object({
    maxDuration: isoDuration.default('PT1H'),
    reviewWithin: isoDuration.default('PT24H'),
    notifyGroups: z.array(groupRef).default(['group:default/security-team']),
  })
  .strict();

/**
 * The policies shipped by default, in order (the first that matches a request decides it).
 * They follow the blueprint's first platform ADR; a deployment replaces them with
 * `souverain.concierge.policies`.
 */
export const DEFAULT_POLICIES: unknown[] = [
  {
    name: 'pii',
    description: 'Personal data: two approvers from the owner team or security.',
    match: { dataClassification: ['pii'] },
    maxDuration: 'PT4H',
    approvals: 2,
    approverGroups: [OWNER_PLACEHOLDER, 'group:default/security-team'],
    breakGlass: true,
  },
  {
    name: 'non-production-read',
    description: 'Reading a non-production resource is approved automatically.',
    match: { lifecycle: ['development', 'experimental', 'staging', 'test'], accessLevel: ['read'] },
    maxDuration: 'PT8H',
    approvals: 0,
    breakGlass: false,
  },
  {
    name: 'production-write',
    description: 'Changing production needs one approval from the owner team.',
    match: { lifecycle: ['production'], accessLevel: ['write', 'admin'] },
    maxDuration: 'PT4H',
    approvals: 1,
    approverGroups: [OWNER_PLACEHOLDER],
    breakGlass: true,
  },
  {
    name: 'production-read',
    description: 'Reading production needs one approval from the owner team or security.',
    match: { lifecycle: ['production'], accessLevel: ['read'] },
    maxDuration: 'PT8H',
    approvals: 1,
    approverGroups: [OWNER_PLACEHOLDER, 'group:default/security-team'],
    breakGlass: true,
  },
  {
    name: 'default',
    description: 'Anything else needs one approval from the owner team.',
    maxDuration: 'PT4H',
    approvals: 1,
    approverGroups: [OWNER_PLACEHOLDER],
    breakGlass: false,
  },
];

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .map(issue => `${prefix}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`)
    .join('; ');
}

function ownerGroupOf(resource: Entity): string | undefined {
  const owner = resource.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: resource.metadata.namespace ?? 'default' }),
    );
  } catch {
    return undefined;
  }
}

/** The ordered access policies and break-glass settings, validated when the backend starts. */
export class AccessPolicies {
  private constructor(
    readonly policies: AccessPolicy[],
    readonly breakGlass: BreakGlassSettings,
  ) {}

  /** Reads `souverain.concierge.policies` and `.breakGlass`; throws naming every bad key. */
  static fromConfig(config: Config | undefined): AccessPolicies {
    const raw = config?.getOptional<unknown[]>('policies') ?? DEFAULT_POLICIES;
    return AccessPolicies.fromObjects(raw, config?.getOptional('breakGlass') ?? {});
  }

  /** Validates plain objects (from config or YAML). */
  static fromObjects(rawPolicies: unknown, rawBreakGlass: unknown = {}): AccessPolicies {
    const list = z.array(z.unknown()).min(1, 'at least one policy is needed').safeParse(rawPolicies);
    if (!list.success) {
      throw new Error(`Invalid concierge policies: ${describeIssues(list.error, 'souverain.concierge.policies')}`);
    }
    const problems: string[] = [];
    const policies: AccessPolicy[] = [];
    list.data.forEach((item, index) => {
      const parsed = policySchema.safeParse(item);
      if (parsed.success) {
        policies.push({
          name: parsed.data.name,
          description: parsed.data.description,
          match: parsed.data.match,
          maxDurationMinutes: parsed.data.maxDuration,
          approvals: parsed.data.approvals,
          approverGroups: parsed.data.approverGroups,
          breakGlass: parsed.data.breakGlass,
        });
      } else {
        problems.push(describeIssues(parsed.error, `souverain.concierge.policies[${index}]`));
      }
    });
    const names = new Set<string>();
    for (const policy of policies) {
      if (names.has(policy.name)) problems.push(`souverain.concierge.policies: the name "${policy.name}" is used twice`);
      names.add(policy.name);
    }
    const breakGlass = breakGlassSchema.safeParse(rawBreakGlass);
    if (!breakGlass.success) problems.push(describeIssues(breakGlass.error, 'souverain.concierge.breakGlass'));
    if (problems.length || !breakGlass.success) {
      throw new Error(`Invalid concierge policies: ${problems.join('; ')}`);
    }
    return new AccessPolicies(policies, {
      maxDurationMinutes: breakGlass.data.maxDuration,
      reviewWithinMinutes: breakGlass.data.reviewWithin,
      notifyGroups: breakGlass.data.notifyGroups,
    });
  }

  /** The first policy matching the resource and access level, or undefined when none does. */
  decide(resource: Entity, accessLevel: AccessLevel): PolicyDecision | undefined {
    const annotations = resource.metadata.annotations ?? {};
    const facts: Record<string, string | undefined> = {
      type: typeof resource.spec?.type === 'string' ? resource.spec.type : undefined,
      lifecycle: typeof resource.spec?.lifecycle === 'string' ? resource.spec.lifecycle : undefined,
      tenant: annotations[TENANT_ANNOTATION],
      dataClassification: annotations[DATA_CLASSIFICATION_ANNOTATION],
      accessLevel,
    };
    const policy = this.policies.find(candidate =>
      Object.entries(candidate.match).every(([key, allowed]) => {
        if (!allowed) return true;
        const fact = facts[key];
        return fact !== undefined && (allowed as string[]).includes(fact);
      }),
    );
    if (!policy) return undefined;
    const owner = ownerGroupOf(resource);
    const approverGroups = [
      ...new Set(
        policy.approverGroups.flatMap(group => {
          if (group !== OWNER_PLACEHOLDER) return [group];
          return owner ? [owner] : [];
        }),
      ),
    ];
    return { policy, approverGroups };
  }
}
