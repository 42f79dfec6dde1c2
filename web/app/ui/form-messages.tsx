// Messages next to a form: one per field (tied to the input by aria-describedby) and one for the form.
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

export function FormAlert({ error, message }: { error?: string; message?: string }) {
  return (
    <div className="form-alert" aria-live="polite">
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : message ? (
        <p className="alert alert-ok" role="status">
          {message}
        </p>
      ) : null}
    </div>
  );
}
