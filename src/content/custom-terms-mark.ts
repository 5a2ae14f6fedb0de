/**
 * Run into every frame at document_start, before the lookout, only while the reader has custom
 * terms: the background registers it then and takes it away when the last one goes
 * (src/background/custom-terms.ts). It tells the lookout, which shares this world, to wake the
 * marker, since the lookout's name screen knows the built-in names only.
 */
import { markCustomTerms } from './handover';

markCustomTerms(globalThis);
