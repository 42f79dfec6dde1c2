'use client';
import { useActionState, useState } from 'react';
import { updateStoreSettings } from '@/app/lib/actions';
import { CURRENCIES } from '@/app/lib/constants';
import type { FormState, Store, StoreSettingsField } from '@/app/lib/definitions';
import { formatMoney } from '@/app/lib/money';
import { FieldError, FormAlert } from '@/app/ui/form-messages';
import { SubmitButton } from '@/app/ui/submit-button';

// Currency and auto-approval of the store. The threshold is edited as a percentage.
export function StoreSettingsForm({ store }: { store: Store }) {
  const [state, action] = useActionState<FormState<StoreSettingsField>, FormData>(updateStoreSettings, {});
  // React resets a form after its action: the fields are uncontrolled, their defaults are what was
  // typed (after an error) or what the server saved (after success), so the reset shows the right values.
  const shownCurrency = state.values?.currency ?? store.currency;
  const [currency, setCurrency] = useState(shownCurrency);
  const fe = state.fieldErrors ?? {};
  const currencies: readonly string[] = CURRENCIES.includes(store.currency) ? CURRENCIES : [store.currency, ...CURRENCIES];
  return (
    <form action={action} className="card form form-narrow" noValidate aria-labelledby="settings-heading">
      <h2 id="settings-heading">Store</h2>

      <label htmlFor="currency">Currency</label>
      <select
        id="currency"
        name="currency"
        key={shownCurrency}
        defaultValue={shownCurrency}
        onChange={(e) => setCurrency(e.target.value)}
        aria-invalid={Boolean(fe.currency)}
        aria-describedby="currency-hint currency-error"
      >
        {currencies.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <p id="currency-hint" className="hint">
        Prices without a currency in your captions are read as {currency}: they show as{' '}
        <strong data-testid="money-preview">{formatMoney(2500, currency)}</strong>.
      </p>
      <FieldError id="currency-error" message={fe.currency} />

      <fieldset>
        <legend>Auto-approve</legend>
        <div className="checkbox">
          <input id="autoApprove" name="autoApprove" type="checkbox" defaultChecked={state.values ? state.values.autoApprove === 'on' : store.autoApprove} />
          <label htmlFor="autoApprove">Publish confident drafts without my review</label>
        </div>
        <label htmlFor="autoApproveThreshold">Confidence threshold (%)</label>
        <input
          id="autoApproveThreshold"
          name="autoApproveThreshold"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          defaultValue={state.values?.autoApproveThreshold ?? String(Math.round(store.autoApproveThreshold * 100))}
          aria-invalid={Boolean(fe.autoApproveThreshold)}
          aria-describedby="threshold-hint threshold-error"
        />
        <p id="threshold-hint" className="hint">
          Drafts the extractor is at least this sure of are published when auto-approve is on; the rest wait for you.
        </p>
        <FieldError id="threshold-error" message={fe.autoApproveThreshold} />
      </fieldset>

      <FormAlert error={state.error} message={state.message} />
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}
