import { InputError } from '@backstage/errors';
import {
  AccessRequest,
  CreateAccessRequest,
  JUSTIFICATION_MIN_LENGTH,
  conciergeRequestCreatePermission,
} from '@souverain/plugin-concierge-common';
import { RequestIntake } from '../RequestIntake';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { changedRequestView } from './RequestAnswers';

/** Asks for access, once per idempotency key. */
export interface CreateRequestModel {
  create(
    body: CreateAccessRequest,
    caller: Caller,
    idempotencyKey?: string,
  ): Promise<{ request: AccessRequest; replayed: boolean }>;
}

/** {@link CreateRequestModel} over the intake, behind the `concierge.request.create` permission. */
export class CreateRequestModelImpl implements CreateRequestModel {
  constructor(
    private readonly deps: {
      intake: RequestIntake;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async create(
    body: CreateAccessRequest,
    caller: Caller,
    idempotencyKey?: string,
  ): Promise<{ request: AccessRequest; replayed: boolean }> {
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestCreatePermission,
      'ask for access',
    );
    // The spec counts characters as sent; padding with spaces is not a reason.
    const justification = body.justification.trim();
    if (justification.length < JUSTIFICATION_MIN_LENGTH) {
      throw new InputError(
        `request/body/justification must say why, in at least ${JUSTIFICATION_MIN_LENGTH} characters`,
      );
    }
    const { request, replayed } = await this.deps.intake.create(
      {
        ...body,
        justification,
        ticket: body.ticket === undefined ? undefined : body.ticket.trim(),
      },
      caller,
      idempotencyKey,
    );
    // A request this call made has no decisions yet (a replayed one may have some).
    const view = replayed
      ? await changedRequestView(this.deps.views, caller, request)
      : await changedRequestView(this.deps.views, caller, request, []);
    return { request: view, replayed };
  }
}
