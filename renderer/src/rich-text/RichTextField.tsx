import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useAutosavedField, type AutosavedFieldOptions } from '../autosave/use-autosaved-field';
import { useT } from '../i18n/use-t';
import { authorTextToHtml } from './author-html';
import { authorTextExtensions } from './editor-extensions';
import './rich-text.css';
import { FieldMessages } from '../ui/FieldMessages';
import { isComposing } from '../ui/ime';

interface Props extends AutosavedFieldOptions {
  labelText: string;
  placeholder?: string;
  hint?: string;
  className?: string;
  testId: string;
}

/** What the autosaver stores: the editor's HTML, or '' for an empty document (not `<p></p>`). */
const editorValue = (editor: Editor) => (editor.isEmpty ? '' : editor.getHTML());

/**
 * A WYSIWYG field for author text (Tiptap), autosaved like every other field. Stored values are
 * sanitized before they are loaded, and plain text from older drafts becomes paragraphs.
 */
export function RichTextField({ labelText, placeholder, hint, className, testId, ...autosave }: Props) {
  const field = useAutosavedField(autosave);
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const fieldRef = useRef(field);
  fieldRef.current = field;
  // Read when the placeholder is drawn, so a language switch shows the new one at the next redraw.
  const placeholderRef = useRef(placeholder ?? '');
  placeholderRef.current = placeholder ?? '';

  const editor = useEditor({
    extensions: authorTextExtensions(() => placeholderRef.current),
    content: authorTextToHtml(field.value),
    shouldRerenderOnTransaction: false,
    // Tiptap would add an inline <style>, which the CSP (style-src 'self') refuses; its rules are in rich-text.css.
    injectCSS: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        dir: 'auto',
        class: 'rich-text-content',
        'data-testid': testId,
      },
    },
    onUpdate: ({ editor: e }) => fieldRef.current.onChange(editorValue(e)),
    onFocus: () => fieldRef.current.onFocus(),
    onBlur: () => fieldRef.current.onBlur(),
  });

  // Timed saves wait while an IME composes here, so a half-built syllable is never stored. ProseMirror
  // applies the composed text a microtask after compositionend; the release comes after that.
  useEffect(() => {
    const dom = editor.view.dom;
    const start = () => fieldRef.current.onCompositionStart();
    const end = () =>
      void Promise.resolve().then(() => {
        if (!editor.view.composing) fieldRef.current.onCompositionEnd();
      });
    dom.addEventListener('compositionstart', start);
    dom.addEventListener('compositionend', end);
    return () => {
      dom.removeEventListener('compositionstart', start);
      dom.removeEventListener('compositionend', end);
    };
  }, [editor]);

  // A newer value from main (another window, the CLI, an undo) replaces the document only when the
  // field hook accepted it, i.e. while the author is not typing here.
  useEffect(() => {
    if (editorValue(editor) !== field.value) editor.commands.setContent(authorTextToHtml(field.value), { emitUpdate: false });
  }, [editor, field.value]);

  // The placeholder is a decoration: only a transaction redraws it after the language changed.
  useEffect(() => {
    if (!editor.isDestroyed && !editor.view.composing) editor.view.dispatch(editor.state.tr.setMeta('placeholderChanged', true));
  }, [editor, placeholder]);

  const describedBy = [field.error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  useEffect(() => {
    editor.view.dom.setAttribute('aria-describedby', describedBy);
    if (field.error) editor.view.dom.setAttribute('aria-invalid', 'true');
    else editor.view.dom.removeAttribute('aria-invalid');
  }, [editor, describedBy, field.error]);

  return (
    <div className={`field rich-text ${className ?? ''}`}>
      <span id={labelId} className="field-label">
        {labelText}
      </span>
      <Toolbar editor={editor} label={labelText} />
      <EditorContent editor={editor} className="rich-text-frame" />
      <FieldMessages hint={hint} hintId={hintId} error={field.error} errorId={errorId} />
    </div>
  );
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullets: e.isActive('bulletList'),
      numbers: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  });
  const [linking, setLinking] = useState(false);
  const t = useT();
  const run = (fn: (c: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => fn(editor.chain().focus()).run();

  return (
    <div className="rich-text-toolbar-wrap">
      <div className="rich-text-toolbar" role="toolbar" aria-label={t('richText.toolbar', { label })}>
        <ToolButton label={t('richText.bold')} text="B" pressed={state.bold} onClick={() => run((c) => c.toggleBold())} className="tb-bold" />
        <ToolButton label={t('richText.italic')} text="I" pressed={state.italic} onClick={() => run((c) => c.toggleItalic())} className="tb-italic" />
        <ToolButton label={t('richText.heading')} text="H2" pressed={state.h2} onClick={() => run((c) => c.toggleHeading({ level: 2 }))} />
        <ToolButton label={t('richText.subheading')} text="H3" pressed={state.h3} onClick={() => run((c) => c.toggleHeading({ level: 3 }))} />
        <ToolButton label={t('richText.bullets')} text="•" pressed={state.bullets} onClick={() => run((c) => c.toggleBulletList())} />
        <ToolButton label={t('richText.numbers')} text="1." pressed={state.numbers} onClick={() => run((c) => c.toggleOrderedList())} />
        <ToolButton label={t('richText.quote')} text="❝" pressed={state.quote} onClick={() => run((c) => c.toggleBlockquote())} />
        <ToolButton label={t(state.link ? 'richText.editLink' : 'richText.addLink')} text={t('richText.link')} pressed={state.link} onClick={() => setLinking(true)} />
      </div>
      {linking && <LinkEditor editor={editor} onDone={() => setLinking(false)} />}
    </div>
  );
}

function ToolButton(props: { label: string; text: string; pressed: boolean; onClick(): void; className?: string }) {
  return (
    <button
      type="button"
      className={`rich-text-button ${props.className ?? ''}`}
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.pressed}
      // Keep the editor's selection: a mousedown on the button would otherwise blur it first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}

/** An inline URL field: Electron has no window.prompt, and a field keeps the author in the keyboard flow. */
function LinkEditor({ editor, onDone }: { editor: Editor; onDone(): void }) {
  const current = (editor.getAttributes('link') as { href?: string }).href ?? '';
  const [url, setUrl] = useState(current);
  const [refused, setRefused] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const t = useT();
  useEffect(() => inputRef.current?.focus(), []);

  const apply = () => {
    const href = url.trim();
    if (href === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      onDone();
      return;
    }
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `https://${href}`;
    if (!/^(https?:\/\/|mailto:)/i.test(withScheme)) {
      setRefused(true);
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: withScheme }).run();
    onDone();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (isComposing(e)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      apply();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      editor.commands.focus();
      onDone();
    }
  };

  return (
    <div className="rich-text-link">
      <input
        ref={inputRef}
        type="url"
        value={url}
        placeholder={t('richText.linkPlaceholder')}
        aria-label={t('richText.linkAddress')}
        aria-invalid={refused ? true : undefined}
        onChange={(e) => setUrl(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="rich-text-link-input"
      />
      <button type="button" className="button" onClick={apply}>
        {t(url.trim() === '' ? 'richText.removeLink' : 'richText.apply')}
      </button>
      <button type="button" className="button" onClick={() => onDone()}>
        {t('ui.cancel')}
      </button>
      {refused && (
        <p className="field-error" role="alert">
          {t('richText.linkRefused')}
        </p>
      )}
    </div>
  );
}
