import { adminContract } from '../../../shared/contracts/admin';
import { createMain } from '../../../server/dispatch';
import { counterCodes } from './counter-codes';
import { createInvite } from './create-invite';
import { revokeInvite } from './revoke-invite';

export const main = createMain(adminContract, { createInvite, revokeInvite, counterCodes });
