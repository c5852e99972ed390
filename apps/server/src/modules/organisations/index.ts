export { registerOrganisationRoutes } from './organisations.routes';
export {
  createOrganisationsService,
  type OrganisationsService,
  type OrganisationsServiceDeps,
} from './organisations.service';
