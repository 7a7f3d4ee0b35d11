import { careContract } from '../../../shared/contracts/care';
import { createMain } from '../../../server/dispatch';
import { adjustPoints } from './adjust-points';
import { auditLog } from './audit-log';
import { customers } from './customers';
import { interactions, logInteraction } from './interactions';
import { profile, revealPhone } from './profile';
import { reassign } from './reassign';
import { createTag, setTags, tagDefinitions } from './tags';
import { completeTask, createTask, tasks } from './tasks';

export const main = createMain(careContract, {
  customers,
  profile,
  revealPhone,
  tagDefinitions,
  createTag,
  setTags,
  logInteraction,
  interactions,
  tasks,
  createTask,
  completeTask,
  adjustPoints,
  reassign,
  audit: auditLog,
});
