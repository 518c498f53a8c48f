// One resolution for the renderer and the Electron layer's native dialogs: it lives in the contract.
export { matchLocale, resolveLocale, type LanguageSetting } from '../../../main/contract/locale';
