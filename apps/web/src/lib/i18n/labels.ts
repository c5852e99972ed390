import type { TFunction } from 'i18next';
import { translateKey } from './index';

/** The label of a role in the UI language, or the role name itself when it has no label yet. */
export const roleLabel = (t: TFunction, role: string): string => translateKey(t, `roles.${role}`, role);

/** The label of an audit event type such as `auth.signed_in`, or the type itself when it has no label yet. */
export const auditTypeLabel = (t: TFunction, type: string): string => translateKey(t, `auditTypes.${type}`, type);

/** The label of an organisation kind (事業者 / 経済産業省 / 認証機関). */
export const organisationKindLabel = (t: TFunction, kind: string): string =>
  translateKey(t, `organisationKinds.${kind}`, kind);
