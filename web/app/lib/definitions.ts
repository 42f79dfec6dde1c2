// Shapes of vendly-server's answers (server/README.md, plan section 5.1) and of the dashboard's form states.

export const CURRENCIES = ['KES', 'UGX', 'TZS', 'RWF', 'NGN', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export type Seller = { id: string; email: string; createdAt?: string };

export type Store = {
  id: string;
  name: string;
  currency: string;
  autoApprove: boolean;
  autoApproveThreshold: number; // 0..1
};

export type InstagramSummary = { connected: boolean; status?: ConnectionStatus; igUsername?: string };

export type Me = { seller: Seller; store: Store; instagram: InstagramSummary };

export type ConnectionStatus = 'active' | 'expired' | 'error' | (string & {});

export type InstagramConnection = {
  id: string;
  igUsername: string;
  igBusinessAccountId: string;
  status: ConnectionStatus;
  lastValidatedAt: string | null;
  webhookSubscribed: boolean;
  fbPageName?: string;
  errorCode?: string;
  errorMessage?: string;
};

export type ConnectionResponse =
  | { connected: false; connection: null }
  | { connected: true; connection: InstagramConnection };

export type AuthUrlResponse = { authUrl: string; state: string };

// Every error of the server: {"error":{"code","message"}}.
export type ServerError = { code: string; message: string };

// What a form's server action returns: a message for the whole form and one per field.
export type FormState<Field extends string = string> = {
  error?: string;
  fieldErrors?: Partial<Record<Field, string>>;
  message?: string;
  // What was typed, so a form that failed shows it again (React resets a form after its action).
  values?: Partial<Record<Field, string>>;
};

export type SignupField = 'email' | 'password' | 'storeName' | 'currency';
export type LoginField = 'email' | 'password';
export type StoreSettingsField = 'currency' | 'autoApprove' | 'autoApproveThreshold';
