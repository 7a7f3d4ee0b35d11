import { memberContract } from '../../../shared/contracts/member';
import { createMain } from '../../../server/dispatch';
import { card } from './card';
import { closeMembership } from './close-membership';
import { join } from './join';
import { memberCode } from './member-code';
import { exportData, myData } from './my-data';
import { pointsHistory } from './points-history';
import { referral } from './referral';
import { subscribe } from './subscribe';
import { updateProfile } from './update-profile';

export const main = createMain(memberContract, { join, card, memberCode, pointsHistory, referral, subscribe, updateProfile, myData, exportData, closeMembership });
