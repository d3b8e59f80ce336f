import { ConciergeApiComponents } from '@souverain/plugin-concierge-common';
import { AccessPolicies } from '../../policy/AccessPolicies';

/** The access policies and break-glass settings, as the request form shows them. */
export interface ListPoliciesModel {
  listPolicies(): Promise<ConciergeApiComponents['schemas']['AccessPolicyList']>;
}

/** {@link ListPoliciesModel} over the configured policies. */
export class ListPoliciesModelImpl implements ListPoliciesModel {
  constructor(private readonly policies: AccessPolicies) {}

  async listPolicies() {
    return {
      items: this.policies.policies,
      breakGlass: this.policies.breakGlass,
    };
  }
}
