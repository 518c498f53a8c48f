import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * security-policy.ts is only as good as its use. Without an Electron binary the wiring cannot run here,
 * so these read the Electron layer's source and fail if a window or an IPC handler bypasses the policy.
 */

const electronDir = path.resolve(import.meta.dirname, '../../../main/electron');
const sources = fs
  .readdirSync(electronDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => {
    const file = path.join(electronDir, f);
    return { name: `main/electron/${f.split(path.sep).join('/')}`, sf: ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true) };
  });
const source = (name: string) => {
  const s = sources.find((x) => x.name === name);
  if (!s) throw new Error(`${name} is missing; update this test if the Electron layer was reorganised`);
  return s.sf;
};

function descendants(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    out.push(n);
    n.forEachChild(visit);
  };
  node.forEachChild(visit);
  return out;
}

const calls = (node: ts.Node, callee: string) =>
  descendants(node).filter((n): n is ts.CallExpression => ts.isCallExpression(n) && n.expression.getText() === callee);
const where = (n: ts.Node) => `${path.basename(n.getSourceFile().fileName)}:${n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1}`;

describe('windows', () => {
  const created = sources.flatMap(({ sf }) =>
    descendants(sf).filter((n): n is ts.NewExpression => ts.isNewExpression(n) && n.expression.getText() === 'BrowserWindow'),
  );

  it('the main window exists in window.ts', () => {
    expect(created.filter((n) => n.getSourceFile() === source('main/electron/window.ts'))).toHaveLength(1);
  });

  it('every BrowserWindow takes its webPreferences from secureWebPreferences(), unmodified', () => {
    for (const win of created) {
      const options = win.arguments?.[0];
      expect(options && ts.isObjectLiteralExpression(options), `${where(win)}: options must be an object literal`).toBe(true);
      const props = (options as ts.ObjectLiteralExpression).properties;
      const prefs = props.find((p) => p.name?.getText() === 'webPreferences');
      expect(prefs && ts.isPropertyAssignment(prefs), `${where(win)}: webPreferences missing`).toBe(true);
      const init = (prefs as ts.PropertyAssignment).initializer;
      expect(ts.isCallExpression(init) && init.expression.getText() === 'secureWebPreferences', `${where(win)}: webPreferences is ${init.getText()}`).toBe(true);
      expect(props.some((p) => ts.isSpreadAssignment(p)), `${where(win)}: a spread could override webPreferences`).toBe(false);
    }
  });

  it('window.open, navigation, webviews and permissions go through the policy functions', () => {
    const win = source('main/electron/window.ts');
    const text = win.getFullText();
    expect(calls(win, 'wc.setWindowOpenHandler')).toHaveLength(1);
    expect(calls(calls(win, 'wc.setWindowOpenHandler')[0]!, 'decideWindowOpen')).toHaveLength(1);
    expect(text).toMatch(/wc\.on\('will-navigate', guard\)/);
    expect(text).toMatch(/wc\.on\('will-redirect', guard\)/);
    expect(text).toMatch(/if \(allowNavigation\(url, opts\.origins\)\) return;\s*event\.preventDefault\(\)/);
    expect(text).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    expect(calls(win, 'session.defaultSession.setPermissionRequestHandler')).toHaveLength(1);
    expect(calls(win, 'session.defaultSession.setPermissionCheckHandler')).toHaveLength(1);
    expect(calls(win, 'allowPermission')).toHaveLength(2);
  });

  it('shell.openExternal is only reached through decideWindowOpen', () => {
    for (const { sf } of sources) {
      for (const call of calls(sf, 'shell.openExternal')) {
        const guard = descendants(sf).find(
          (n) => ts.isIfStatement(n) && n.expression.getText() === 'decision.openExternally' && n.thenStatement.getFullText().includes(call.getText()),
        );
        expect(guard, `${where(call)}: openExternal without the decideWindowOpen guard`).toBeDefined();
      }
    }
  });
});

describe('IPC handlers', () => {
  const registrations = sources.flatMap(({ sf }) =>
    descendants(sf).filter(
      (n): n is ts.CallExpression => ts.isCallExpression(n) && /^ipcMain\.(handle|handleOnce|on|once|addListener)$/.test(n.expression.getText()),
    ),
  );

  it('are registered (one loop over the contract in ipc-main.ts)', () => {
    expect(registrations.filter((n) => n.getSourceFile() === source('main/electron/ipc-main.ts')).length).toBeGreaterThan(0);
  });

  it('every ipcMain listener checks the sender with isTrustedUrl before doing anything else', () => {
    for (const reg of registrations) {
      const listener = reg.arguments[1];
      expect(listener && (ts.isArrowFunction(listener) || ts.isFunctionExpression(listener)), `${where(reg)}: the listener must be inline so it can be checked`).toBe(true);
      const body = (listener as ts.ArrowFunction).body;
      expect(ts.isBlock(body), `${where(reg)}: the listener needs a block body`).toBe(true);
      const statements = (body as ts.Block).statements;
      const guardIndex = statements.findIndex((s) => ts.isIfStatement(s) && /^!isTrustedUrl\(/.test(s.expression.getText()));
      expect(guardIndex, `${where(reg)}: no "if (!isTrustedUrl(…))" guard`).toBeGreaterThanOrEqual(0);
      const guard = statements[guardIndex] as ts.IfStatement;
      expect(descendants(guard.thenStatement).some(ts.isReturnStatement), `${where(reg)}: the guard must return`).toBe(true);
      // Before the guard only the sender's URL may be read, and the guard must check exactly that URL.
      const urlNames = statements.slice(0, guardIndex).map((s) => {
        const m = /^const (\w+) = event\.senderFrame\?\.url;$/.exec(s.getText());
        expect(m, `${where(s)}: only "const url = event.senderFrame?.url" may precede the guard`).not.toBeNull();
        return m![1]!;
      });
      const checked = calls(guard.expression, 'isTrustedUrl')[0]!.arguments[0]!.getText();
      expect([...urlNames, 'event.senderFrame?.url'], `${where(guard)}: isTrustedUrl(${checked}, …)`).toContain(checked);
    }
  });

  it('the sender URL comes from senderFrame (the frame that sent it), not from the top-level page', () => {
    const text = source('main/electron/ipc-main.ts').getFullText();
    expect(text).toContain('event.senderFrame?.url');
    expect(text).not.toMatch(/event\.sender\.getURL\(\)/);
  });
});
