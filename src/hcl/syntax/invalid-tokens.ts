import type { Cursor } from './cursor.js';
import { T, type Token } from './token.js';

/**
 * Reports tokens that never belong in HCL source; run before parsing so that these come first (as in HCL), with
 * the same caps on repetition so that one bad habit (say, semicolons everywhere) gives one message.
 */
export function checkInvalidTokens(p: Cursor): void {
  let toldBitwise = 0;
  let toldBacktick = 0;
  let toldApostrophe = 0;
  let toldSemicolon = 0;
  const report = (tok: Token, summary: string, detail: string): void => {
    p.error(summary, detail, p.range(tok));
  };
  const types = p.tokens.types;
  const count = p.tokens.length;
  for (let tok = 0; tok < count; tok++) {
    const type: T = types[tok];
    switch (type) {
      case T.BitwiseAnd:
      case T.BitwiseOr:
      case T.BitwiseXor:
      case T.BitwiseNot:
        if (toldBitwise < 4) {
          let suggestion = '';
          if (type === T.BitwiseAnd) suggestion = ' Did you mean boolean AND ("&&")?';
          else if (type === T.BitwiseOr) suggestion = ' Did you mean boolean OR ("||")?';
          else if (type === T.BitwiseNot) suggestion = ' Did you mean boolean NOT ("!")?';
          report(tok, 'Unsupported operator', `Bitwise operators are not supported.${suggestion}`);
          toldBitwise++;
        }
        break;
      case T.Backtick:
        // Only every other one, so that both ends of a backtick-quoted string give one message.
        if (toldBacktick % 2 === 0) {
          report(tok, 'Invalid character',
            'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".');
        }
        if (toldBacktick <= 2) toldBacktick++;
        break;
      case T.Apostrophe:
        if (toldApostrophe % 2 === 0) {
          report(tok, 'Invalid character', 'Single quotes are not valid. Use double quotes (") to enclose strings.');
        }
        if (toldApostrophe <= 2) toldApostrophe++;
        break;
      case T.Semicolon:
        if (toldSemicolon < 1) {
          report(tok, 'Invalid character',
            'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.');
          toldSemicolon++;
        }
        break;
      case T.QuotedNewline:
        report(tok, 'Invalid multi-line string',
          'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.');
        break;
      case T.Invalid:
        report(tok, 'Invalid character', 'This character is not used within the language.');
        break;
    }
  }
}
