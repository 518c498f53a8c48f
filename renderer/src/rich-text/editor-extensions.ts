import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';

/**
 * The editor's vocabulary. It matches what sanitizeAuthorHtml lets through, so what an author sees in the
 * editor is exactly what a student sees. No images or embeds: author text is words, media comes from the
 * lecture's own video.
 */
export const authorTextExtensions = (placeholder: string) => [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    // An empty paragraph after every list or quote would be stored and published as part of the text.
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['http', 'https', 'mailto'],
      isAllowedUri: (url) => /^(https?:|mailto:)/i.test(url.trim()),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
    },
  }),
  Placeholder.configure({ placeholder }),
];
