import { convert } from '../cty/convert.js';
import { unify } from '../cty/unify.js';
import { DYNAMIC } from '../cty/type.js';
import { unknown } from '../cty/value.js';
import { CallFailure } from './errors.js';
import { param, type FunctionTable } from './spec.js';

/** coalesce (general.go): the first non-null argument, converted to the type all arguments unify to. */
export const generalFunctions: FunctionTable = {
  coalesce: {
    params: [],
    varParam: param('vals', DYNAMIC, { allowUnknown: true, allowDynamicType: true, allowNull: true }),
    type: (args) => {
      const u = unify(
        args.map((a) => a.type),
        true,
      );
      if (!u) throw new CallFailure('all arguments must have the same type');
      return u.type;
    },
    impl: (args, retType) => {
      for (const a of args) {
        if (!a.isKnown) return unknown(retType);
        if (a.isNull) continue;
        return convert(a, retType);
      }
      throw new CallFailure('no non-null arguments');
    },
  },
};
