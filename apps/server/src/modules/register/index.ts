export { registerAccessRoutes } from './access.routes';
export {
  type GrantContext,
  type GrantFacts,
  type GrantState,
  grantFindings,
  grantState,
  isExternal,
} from './access.rules';
export { type AccessService, type AccessServiceDeps, createAccessService } from './access.service';
export { registerKnowHowRoutes } from './know-how.routes';
export {
  analyseKnowHow,
  concentrationOf,
  departingHoldersOf,
  effectiveStatus,
  type KnowHowInput,
} from './know-how.rules';
export {
  type ConcentrationScope,
  concentrationRefresherFor,
  createKnowHowService,
  type KnowHowService,
  type KnowHowServiceDeps,
  refreshConcentration,
} from './know-how.service';
export {
  createRegisterReminders,
  REGISTER_REMINDERS_JOB_KIND,
  type RegisterReminders,
  registerRegisterJobs,
} from './register.jobs';
export { TECHNOLOGY_EVIDENCE_TYPES, TECHNOLOGY_FILE_RECORD_TYPE } from './register.policy';
export { registerRegisterRoutes } from './register.routes';
export {
  addMonths,
  diffFields,
  isOverseas,
  isReviewOverdue,
  nextReviewOn,
  normaliseSearch,
  resolveDesignated,
  searchPattern,
  technologyNameSearchText,
  technologySearchText,
  tokyoDate,
  tradeSecretVerdict,
} from './register.rules';
export { createRegisterService, type RegisterService, type RegisterServiceDeps } from './register.service';
export { registerRegisterImportRoutes } from './register-import.routes';
export { createRegisterImportService, type RegisterImportService } from './register-import.service';
export {
  type AccessScope,
  accessScopeOf,
  DEFAULT_REGISTER_SETTINGS,
  findTechnologyForActor,
  loadRegisterSettings,
  mayWriteTechnology,
  prepareTechnologyWrites,
  type ReferenceLookups,
  type TechnologyRow,
  technologyAbilitiesOf,
  technologyAccessOf,
  writeTechnology,
} from './technology-access';
