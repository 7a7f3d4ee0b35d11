import { dashboardContract } from '../../../shared/contracts/dashboard';
import { createMain } from '../../../server/dispatch';
import { overview } from './overview';

export const main = createMain(dashboardContract, { overview });
