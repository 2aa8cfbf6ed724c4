/**
 * The article body in the web editor: the MDX text as the editor wrote it, in a plain text
 * area, with a button per figure that puts `<Figure id="…" />` on its own line at the cursor.
 *
 * Decap's markdown widget would re-serialize the whole body through its rich-text editor on
 * the first keystroke (escapes, list markers, our `<Figure />` tags), which breaks the
 * round trip the local backend promises (src/lib/cms-entry.ts). Plain browser JavaScript
 * with Decap's own `createClass` and `h` (React), so there is nothing to build.
 */
/* global CMS, createClass, h */
(() => {
  const figureTag = (id) => `<Figure id="${id}" />`;

  /** The figure ids the form holds right now, in order. */
  const figureIds = (entry) => {
    const figures = entry && entry.getIn(['data', 'figures']);
    if (!figures || typeof figures.toJS !== 'function') return [];
    return figures.toJS().map((figure) => figure && figure.id).filter((id) => typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(id));
  };

  const MdxBody = createClass({
    area: null,

    insert(id) {
      const value = this.props.value || '';
      const at = this.area ? this.area.selectionStart : value.length;
      const before = value.slice(0, at).replace(/\s*$/, '');
      const after = value.slice(at).replace(/^\s*/, '');
      // A figure stands alone between blank lines, or the MDX check refuses it.
      this.props.onChange(`${before}${before ? '\n\n' : ''}${figureTag(id)}\n\n${after}`);
    },

    render() {
      const value = this.props.value || '';
      const placed = (id) => value.includes(figureTag(id)) || value.includes(`<Figure id='${id}' />`);
      const buttons = figureIds(this.props.entry).map((id) =>
        h('button', { type: 'button', key: id, 'data-figure': id, onClick: () => this.insert(id), style: { marginRight: '0.5em', marginBottom: '0.5em' } }, `插入图片位置 ${id}${placed(id) ? ' ✓' : ''}`),
      );
      return h(
        'div',
        { className: this.props.classNameWrapper },
        buttons.length > 0 ? h('div', { role: 'toolbar', 'aria-label': '插入图片位置' }, buttons) : null,
        h('textarea', {
          id: this.props.forID,
          value,
          rows: 24,
          spellCheck: false,
          style: { width: '100%', minHeight: '24em', font: '16px/1.7 monospace', border: 0, outline: 'none', resize: 'vertical', background: 'transparent' },
          ref: (element) => {
            this.area = element;
          },
          onChange: (event) => this.props.onChange(event.target.value),
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
        }),
      );
    },
  });

  const MdxBodyPreview = createClass({
    render() {
      return h('pre', { style: { whiteSpace: 'pre-wrap' } }, this.props.value || '');
    },
  });

  CMS.registerWidget('mdx-body', MdxBody, MdxBodyPreview);
})();
