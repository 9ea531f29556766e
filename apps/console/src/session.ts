/** The API key of this tab: in sessionStorage only (never a URL or a cookie), gone when the tab closes or on sign-out. */
const KEY = 'apo.apiKey';

export const storedKey = (): string | null => sessionStorage.getItem(KEY);
export const keepKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY);
