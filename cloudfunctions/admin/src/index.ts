import { adminContract } from '../../../shared/contracts/admin';
import { createMain } from '../../../server/dispatch';
import { counterCodes } from './counter-codes';
import { createInvite } from './create-invite';
import { handOver, offboard } from './offboard';
import { revokeInvite } from './revoke-invite';
import { previewPointsRules, saveBrand, savePointsRules, settings } from './settings';
import { saveStore } from './stores';
import { previewTiers, saveTiers } from './tiers';
import { staffList } from './staff-list';
import { updateStaff } from './update-staff';

export const main = createMain(adminContract, {
  createInvite, revokeInvite, counterCodes, staffList, offboard, handOver, updateStaff,
  settings, previewTiers, saveTiers, previewPointsRules, savePointsRules, saveBrand, saveStore,
});
