import { type CatalogueName, FILE_CONTENT_TYPES } from '@kakine/contracts';
import { type Actor, can } from '../../platform/actor/actor';

/** The record type of the files uploaded to publish a catalogue version (the `files` table's `record_type`). */
export const CATALOGUE_FILE_RECORD_TYPE = 'catalogue_version';

/** The content types accepted for each catalogue's upload, detected from the bytes (YAML: UTF-8 text named .yaml). */
export const CATALOGUE_UPLOAD_TYPES: Record<CatalogueName, readonly string[]> = {
  designated_technologies: [FILE_CONTENT_TYPES.yaml],
  countries: [FILE_CONTENT_TYPES.yaml],
  end_user_list: [FILE_CONTENT_TYPES.xlsx],
};

/**
 * Who may download a file uploaded for a catalogue version: catalogue administrators (the file store already keeps
 * it inside the publisher's organisation).
 */
export const mayReadCatalogueFile = async (actor: Actor): Promise<boolean> => can(actor, 'catalogue:publish');

/** The files' `record_id` of an upload: the catalogue and the effective date, which identify the version to be. */
export const catalogueFileRecordId = (catalogue: CatalogueName, effectiveFrom: string): string =>
  `${catalogue}:${effectiveFrom}`;
