import {
  AccessRequest,
  conciergeAuditReadPermission,
} from '@souverain/plugin-concierge-common';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { requestIdOf } from './RequestAnswers';

/** One request with its decisions and timeline, as the caller may see it. */
export interface GetRequestModel {
  get(id: string, caller: Caller): Promise<AccessRequest>;
}

/** {@link GetRequestModel} over the views. */
export class GetRequestModelImpl implements GetRequestModel {
  constructor(
    private readonly deps: { views: RequestViews; callers: Callers },
  ) {}

  async get(id: string, caller: Caller): Promise<AccessRequest> {
    const actor = {
      ...caller,
      canAudit: await this.deps.callers.allowed(
        caller.credentials,
        conciergeAuditReadPermission,
      ),
    };
    const record = await this.deps.views.get(requestIdOf(id));
    const [view] = await this.deps.views.toViews([record], actor, true);
    return view;
  }
}
