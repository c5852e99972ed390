import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from '../../apps/server/src/modules/demo/demo.data';

/** A demo account as the specs use it: who signs in and how the app names them and their organisation. */
export type DemoUser = {
  email: string;
  password: string;
  displayName: string;
  roles: readonly string[];
  organisationNameJa: string;
  organisationNameEn: string;
};

/** Looks a demo account up in the server's demo data (the accounts every demo deployment seeds). */
export const demoUser = (email: string): DemoUser => {
  for (const organisation of DEMO_ORGANISATIONS) {
    const user = organisation.users.find((u) => u.email === email);
    if (user) {
      return {
        ...user,
        password: DEMO_PASSWORD,
        organisationNameJa: organisation.nameJa,
        organisationNameEn: organisation.nameEn,
      };
    }
  }
  throw new Error(`${email} is not a demo account`);
};

/** The demo accounts the specs sign in as, by the role they play. */
export const DEMO = {
  companyAdmin: demoUser('admin@minato-ceramics.example'),
  companySecurityOfficer: demoUser('officer@minato-ceramics.example'),
  companyHr: demoUser('hr@minato-ceramics.example'),
  companyLegal: demoUser('legal@minato-ceramics.example'),
  companyExecutive: demoUser('exec@minato-ceramics.example'),
  companyEmployee: demoUser('engineer@minato-ceramics.example'),
  metiAdmin: demoUser('admin@meti.example'),
  metiCaseOfficer: demoUser('case@meti.example'),
  metiCatalogueAdmin: demoUser('catalogue@meti.example'),
  certificationAuditor: demoUser('auditor@tics-cert.example'),
} as const;
