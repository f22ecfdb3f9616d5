export { BOOL, DYNAMIC, listOf, mapOf, NUMBER, setOf, STRING } from '../cty/type.js';
import { DYNAMIC, listOf } from '../cty/type.js';

export const ANY_LIST = listOf(DYNAMIC);
