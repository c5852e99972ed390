export { BUNDLED_CATALOGUES_DIR, BundledCatalogueError, loadBundledCatalogues } from './bundled-catalogues';
export { registerCatalogueJobs } from './catalogues.jobs';
export { CATALOGUE_FILE_RECORD_TYPE, mayReadCatalogueFile } from './catalogues.policy';
export { registerCatalogueRoutes } from './catalogues.routes';
export { type CataloguesService, createCataloguesService, PUBLISH_JOB_KIND } from './catalogues.service';
