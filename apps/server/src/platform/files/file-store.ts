import type { Actor } from '../actor/actor';

/** A stored attachment's metadata. */
export type StoredFile = {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  recordType: string;
  recordId: string | null;
  createdAt: string;
};

/** Attachments under the data dir: hashed, size-limited, content type checked from the bytes. */
export type FileStore = {
  /**
   * Stores bytes for a record of the actor's tenant after checking size and that the bytes are of one of the
   * allowed types (detected from the content, not the name); records `file.uploaded`.
   */
  save: (
    actor: Actor,
    upload: {
      name: string;
      bytes: Buffer;
      recordType: string;
      recordId: string | null;
      allowedTypes: readonly string[];
    },
  ) => Promise<StoredFile>;
  /** Reads a file of the actor's tenant; callers check the actor may see the record first. */
  read: (actor: Actor, fileId: string) => Promise<{ file: StoredFile; bytes: Buffer }>;
};
