/** One figure of the report. `note` travels with the number so it is never read without its conditions. */
export interface Row {
  group: string;
  name: string;
  value: number;
  unit: string;
  note: string;
}
