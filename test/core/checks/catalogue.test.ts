import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  CATALOGUE_IDS,
  CHECK_CATALOGUE,
  FAMILY_NAMES,
  familyCheckIds,
  familyOf,
} from '../../../lambdas/core/checks/catalogue';
import { networkChecks } from '../../../lambdas/core/checks/network/definitions';
import { CHECK_FAMILIES, CHECKS } from '../../../lambdas/core/checks/registry';
import { tlsCatalogue } from '../../../lambdas/core/checks/tls/catalogue';
import { tlsChecks } from '../../../lambdas/core/checks/tls/definitions';
import type { FamilyDefinitions } from '../../../lambdas/core/checks/types';

describe('the check catalogue', () => {
  describe('against the definitions that run the checks', () => {
    it('lists the same families, and in each family the same checks in the same order', () => {
      expect(Object.keys(CHECK_FAMILIES)).toEqual(FAMILY_NAMES);
      for (const family of FAMILY_NAMES) {
        expect(Object.keys(CHECK_FAMILIES[family]), family).toEqual(familyCheckIds(family));
      }
      expect(Object.keys(CHECKS)).toEqual(CATALOGUE_IDS);
    });

    it("gives every definition its entry's id, title, IAM actions and scope, and nothing else but run", () => {
      for (const id of CATALOGUE_IDS) {
        const { run, ...metadata } = CHECKS[id];
        expect(typeof run, id).toBe('function');
        expect(metadata, id).toEqual(CATALOGUE[id]);
      }
    });

    it('holds plain data only: every entry survives a JSON round trip unchanged', () => {
      expect(JSON.parse(JSON.stringify(CHECK_CATALOGUE))).toEqual(CHECK_CATALOGUE);
    });
  });

  describe('families', () => {
    it('names the family of every check, and refuses an id of none', () => {
      expect(familyOf('acm-certificates')).toBe('tls');
      expect(familyOf('network-configuration')).toBe('network');
      expect(() => familyOf('no-such-check' as never)).toThrow(/belongs to no family/);
    });
  });

  describe('types', () => {
    it('make a definition that disagrees with its entry, or another family, a compile error', () => {
      const retitled: FamilyDefinitions<typeof tlsCatalogue>['acm-certificates'] = {
        ...tlsCatalogue['acm-certificates'],
        // @ts-expect-error a definition's title is its catalogue entry's, to the letter
        title: 'Certificates',
        run: tlsChecks['acm-certificates'].run,
      };
      const rescoped: FamilyDefinitions<typeof tlsCatalogue>['acm-certificates'] = {
        ...tlsCatalogue['acm-certificates'],
        // @ts-expect-error so is its scope: planning and running read the same kind
        scope: { kind: 'account' },
        run: tlsChecks['acm-certificates'].run,
      };
      // @ts-expect-error a family's definitions are exactly its catalogue's checks
      const otherFamily: FamilyDefinitions<typeof tlsCatalogue> = networkChecks;
      expect([retitled.title, rescoped.scope.kind, Object.keys(otherFamily)]).toEqual([
        'Certificates',
        'account',
        ['network-configuration'],
      ]);
    });
  });
});
