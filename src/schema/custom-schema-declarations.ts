/**
 * Reads table declarations, one or more of:
 *
 *     MyTable_CL(TimeGenerated:datetime, Msg:string)
 *     .create table MyTable_CL (TimeGenerated:datetime, ['My Col']:string) with (folder="x")
 *     .create-merge tables A(x:int), B(y:string)
 *
 * `.alter` / `.alter-merge` are read like `.create`, since they declare the same columns. `//` starts a comment.
 * On a syntax error the reader reports it and skips to the next column or the next line that starts a
 * declaration, so one typo does not hide the rest of the input.
 */
import { lexDeclarations, type DeclarationToken } from './declaration-lexer.ts';
import { KQL_TYPE_LIST_TEXT, kqlTypeFromName } from './kql-types.ts';
import { SCHEMA_CODES, describeFound, type SchemaDiagnostics } from './schema-diagnostics.ts';
import type { NameRef, TableCollector, TableDraft } from './table-collector.ts';

const COMMANDS = new Set(['.create', '.create-merge', '.alter', '.alter-merge']);

export function readDeclarations(text: string, collector: TableCollector, diagnostics: SchemaDiagnostics): void {
  new DeclarationReader(lexDeclarations(text), collector, diagnostics).file();
}

class DeclarationReader {
  private index = 0;

  constructor(
    private readonly tokens: readonly DeclarationToken[],
    private readonly collector: TableCollector,
    private readonly diagnostics: SchemaDiagnostics,
  ) {}

  file(): void {
    while (this.peek().kind !== 'eof') {
      if (this.isPunct(this.peek(), ';')) {
        this.index++;
        continue;
      }
      const start = this.index;
      if (!this.statement()) this.skipToNextStatement(start);
    }
  }

  /** Returns false after a syntax error that leaves us mid-statement. */
  private statement(): boolean {
    const first = this.peek();
    if (first.kind === 'word' && first.text.startsWith('.')) {
      const command = first.text.toLowerCase();
      if (!COMMANDS.has(command)) {
        return this.expected(
          first,
          "a table declaration such as 'MyTable_CL(TimeGenerated:datetime)' or '.create table MyTable_CL (...)'",
        );
      }
      this.index++;
      const keyword = this.peek();
      const word = keyword.kind === 'word' ? keyword.text.toLowerCase() : '';
      if (word !== 'table' && word !== 'tables') return this.expected(keyword, `'table' or 'tables' after '${first.text}'`);
      this.index++;
      if (!this.tableDeclaration()) return false;
      while (word === 'tables' && this.isPunct(this.peek(), ',')) {
        this.index++;
        if (!this.tableDeclaration()) return false;
      }
      return true;
    }
    return this.tableDeclaration();
  }

  private tableDeclaration(): boolean {
    const nameToken = this.peek();
    const name = this.nameRef(nameToken);
    if (!name) return this.expected(nameToken, 'a table name');
    this.index++;
    const open = this.peek();
    if (!this.isPunct(open, '(')) return this.expected(open, `'(' after the table name '${name.name}'`);
    this.index++;
    const table = this.collector.beginTable(name) ?? this.collector.scratchTable(name);
    if (!this.columnList(table, open)) return false;
    this.skipWithClause();
    return true;
  }

  /** After '(' up to and including ')'. Returns false when the list never closes. */
  private columnList(table: TableDraft, open: DeclarationToken): boolean {
    if (this.isPunct(this.peek(), ')')) {
      this.index++;
      return true; // an empty list; TableCollector reports tables without columns
    }
    for (;;) {
      if (this.peek().newlineBefore && this.startsStatement(this.index)) {
        // The next declaration began on a new line: this list was never closed. Let the file loop read it.
        this.reportUnclosed(table, open);
        return false;
      }
      const columnOk = this.column(table);
      const next = this.peek();
      if (columnOk && this.isPunct(next, ',')) {
        this.index++;
        if (this.isPunct(this.peek(), ')')) {
          this.index++; // tolerate a trailing comma, which pasted lists often have
          return true;
        }
        continue;
      }
      if (columnOk && this.isPunct(next, ')')) {
        this.index++;
        return true;
      }
      if (columnOk) this.expected(next, `',' or ')' after a column of '${table.name}'`);
      const stop = this.skipToColumnBoundary();
      if (stop === ',') continue;
      if (stop === ')') return true;
      this.reportUnclosed(table, open);
      return false;
    }
  }

  private reportUnclosed(table: TableDraft, open: DeclarationToken): void {
    const message = `expected ')' to close the column list of '${table.name}' opened here`;
    this.diagnostics.at(SCHEMA_CODES.syntax, 'error', open, message);
  }

  /** `Name:type`. Returns false after a syntax error (an unknown type is not one: the shape is fine). */
  private column(table: TableDraft): boolean {
    const nameToken = this.peek();
    const name = this.nameRef(nameToken);
    if (!name) return this.expected(nameToken, 'a column name');
    this.index++;
    const colon = this.peek();
    if (!this.isPunct(colon, ':')) return this.expected(colon, `':' after the column name '${name.name}'`);
    this.index++;
    const typeToken = this.peek();
    if (typeToken.kind !== 'word') {
      return this.expected(typeToken, `a column type after ':' (one of ${KQL_TYPE_LIST_TEXT})`);
    }
    this.index++;
    const type = kqlTypeFromName(typeToken.text);
    if (!type) {
      this.diagnostics.at(
        SCHEMA_CODES.unknownType,
        'error',
        typeToken,
        `expected a column type after ':' (one of ${KQL_TYPE_LIST_TEXT}), found '${typeToken.text}'`,
      );
      return true;
    }
    table.addColumn(name, type);
    return true;
  }

  private nameRef(token: DeclarationToken): NameRef | undefined {
    if (token.kind === 'word') return { name: token.text, form: 'bare', span: token };
    if (token.kind === 'quotedName') return { name: token.value, form: 'quoted', span: token };
    return undefined;
  }

  /** `with (docstring = "...", folder = "...")`: table properties we have no use for. */
  private skipWithClause(): void {
    const withToken = this.peek();
    if (withToken.kind !== 'word' || withToken.text.toLowerCase() !== 'with') return;
    const open = this.tokens[this.index + 1];
    if (!open || !this.isPunct(open, '(')) return;
    this.index += 2;
    let depth = 1;
    while (depth > 0 && this.peek().kind !== 'eof') {
      const token = this.peek();
      if (this.isPunct(token, '(')) depth++;
      else if (this.isPunct(token, ')')) depth--;
      this.index++;
    }
    if (depth > 0) {
      const message = "expected ')' to close the 'with (...)' properties opened here";
      this.diagnostics.at(SCHEMA_CODES.syntax, 'error', open, message);
    }
  }

  /** Skips to the ',' or ')' that ends the current column; consumes it and says which, or 'end'. */
  private skipToColumnBoundary(): ',' | ')' | 'end' {
    let depth = 0;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof') return 'end';
      // A new declaration on its own line means the ')' was forgotten: stop so that table still gets read.
      if (depth === 0 && token.newlineBefore && this.startsStatement(this.index)) return 'end';
      if (this.isPunct(token, '(')) depth++;
      if (this.isPunct(token, ')')) {
        if (depth === 0) {
          this.index++;
          return ')';
        }
        depth--;
      }
      if (depth === 0 && this.isPunct(token, ',')) {
        this.index++;
        return ',';
      }
      this.index++;
    }
  }

  /** Skips to the next line that starts a declaration, always moving past `statementStart`. */
  private skipToNextStatement(statementStart: number): void {
    if (this.index === statementStart) this.index++;
    while (this.peek().kind !== 'eof' && !(this.peek().newlineBefore && this.startsStatement(this.index))) this.index++;
  }

  /** A command word, or a name directly followed by '('. */
  private startsStatement(at: number): boolean {
    const token = this.tokens[at];
    const next = this.tokens[at + 1];
    if (!token) return false;
    if (token.kind === 'word' && token.text.startsWith('.')) return true;
    return (token.kind === 'word' || token.kind === 'quotedName') && next !== undefined && this.isPunct(next, '(');
  }

  /** Reports "expected X, found Y" at `token` and returns false, so callers can `return this.expected(...)`. */
  private expected(token: DeclarationToken, what: string): false {
    const found = token.kind === 'eof' ? 'end of input' : describeFound(token.text);
    const detail = token.problem ? ` (${token.problem})` : '';
    const span = token.kind === 'eof' ? { start: token.start, end: token.end } : token;
    this.diagnostics.at(SCHEMA_CODES.syntax, 'error', span, `expected ${what}, found ${found}${detail}`);
    return false;
  }

  private peek(): DeclarationToken {
    // The lexer always ends with an eof token, so the last token is a safe fallback.
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as DeclarationToken);
  }

  private isPunct(token: DeclarationToken, text: string): boolean {
    return token.kind === 'punct' && token.text === text;
  }
}
