// How money and quantities read in every rendering (terminal, HTML).

/** Dollars: cents from a cent up, four significant digits below (a request costs millionths). */
export function usd(value: number): string {
  if (value === 0) return '$0';
  if (Math.abs(value) >= 0.01)
    return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${value
    .toPrecision(4)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '')}`;
}

/** A quantity: whole numbers grouped, small ones to four significant digits. */
export function quantity(value: number): string {
  if (value === 0) return '0';
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(4).replace(/\.?0+$/, '');
}
