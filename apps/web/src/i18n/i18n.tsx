// Language context: Chinese first, English on request, remembered in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { dictionaries, format, type DictKey, type Lang } from './dict';

const STORAGE_KEY = 'ledger.lang';

interface I18n {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  readonly t: (key: DictKey, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

const initialLang = (): Lang => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh');

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => format(dictionaries[lang][key] ?? key, vars) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export type { DictKey, Lang };
