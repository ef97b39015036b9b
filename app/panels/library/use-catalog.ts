import type { AttackCatalog } from '../../../src/attack/stix.ts';
import { useAttackStore } from '../../attack/attack-store.ts';

/**
 * The loaded ATT&CK catalog, for technique names in the library and its coverage grid; null until the user has
 * loaded ATT&CK data. Without one, techniques are shown by ID and placed by the rules' own tactics.
 */
export function useAttackCatalog(): AttackCatalog | null {
  return useAttackStore((s) => s.catalog);
}
