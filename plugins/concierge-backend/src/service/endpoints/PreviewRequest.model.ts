import { AccessLevel, AccessPreview } from '@souverain/plugin-concierge-common';
import { RequestIntake } from '../RequestIntake';
import { Caller } from './Callers';

/** What the policy says about a resource and access level, before asking. */
export interface PreviewRequestModel {
  preview(
    query: { resourceRef: string; accessLevel: AccessLevel },
    caller: Caller,
  ): Promise<AccessPreview>;
}

/** {@link PreviewRequestModel} over the intake's policy look-up. */
export class PreviewRequestModelImpl implements PreviewRequestModel {
  constructor(private readonly intake: RequestIntake) {}

  preview(
    query: { resourceRef: string; accessLevel: AccessLevel },
    caller: Caller,
  ): Promise<AccessPreview> {
    return this.intake.preview(query.resourceRef, query.accessLevel, caller);
  }
}
