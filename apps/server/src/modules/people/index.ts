export { personAbilities } from './people.policy';
export { registerPeopleRoutes } from './people.routes';
export {
  affectsRegister,
  normaliseEmployeeId,
  PERSON_FIELDS,
  personChanges,
  personSearchText,
  REGISTER_RELEVANT_FIELDS,
} from './people.rules';
export {
  createPeopleService,
  type PeopleChangedHook,
  type PeopleService,
  type PeopleServiceDeps,
} from './people.service';
export { mergeImportedPerson, PEOPLE_IMPORT_TEMPLATE, parsePeopleFile } from './people-import.rules';
