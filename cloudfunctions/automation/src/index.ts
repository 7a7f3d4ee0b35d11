import { automationContract } from '../../../shared/contracts/automation';
import { createMain } from '../../../server/dispatch';
import { audienceCount, campaign, campaigns, cancelCampaign, createCampaign } from './campaigns';
import { journey, journeyEditor, journeys, saveJourney, setJourneyStatus } from './journeys';
import { messageSettings, updateMessageSettings } from './message-settings';
import { options } from './options';

export const main = createMain(automationContract, {
  options,
  journeys,
  journey,
  journeyEditor,
  saveJourney,
  setJourneyStatus,
  audienceCount,
  campaigns,
  campaign,
  createCampaign,
  cancelCampaign,
  messageSettings,
  updateMessageSettings,
});
