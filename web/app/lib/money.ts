// Money as sellers read it: "KES 2,500", "UGX 45,000", "USD 12.50".
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return 'Price on request';
  const whole = Number.isInteger(amount);
  const digits = amount.toLocaleString('en-US', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
  return `${currency} ${digits}`;
}
