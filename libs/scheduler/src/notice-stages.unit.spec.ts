import { noticesOwed } from './notice-stages';

describe('noticesOwed: which notices a deadline due on 2027-03-31 owes', () => {
  const due = '2027-03-31';

  it('owes nothing before the first reminder day', () => {
    expect(noticesOwed(due, '2027-02-28', [])).toEqual([]);
  });

  it('owes the 30-day reminder from 1 March, once', () => {
    expect(noticesOwed(due, '2027-03-01', [])).toEqual(['lead-30']);
    expect(noticesOwed(due, '2027-03-10', ['lead-30'])).toEqual([]);
  });

  it('owes the 7-day reminder from 24 March, and only that one when the 30-day one was missed', () => {
    expect(noticesOwed(due, '2027-03-24', ['lead-30'])).toEqual(['lead-7']);
    expect(noticesOwed(due, '2027-03-25', [])).toEqual(['lead-7']);
    expect(noticesOwed(due, '2027-03-25', ['lead-7'])).toEqual([]);
  });

  it('owes "due" on the due date and "overdue" the day after, reminders no longer', () => {
    expect(noticesOwed(due, '2027-03-31', ['lead-30'])).toEqual(['due']);
    expect(noticesOwed(due, '2027-04-01', ['lead-30', 'lead-7', 'due'])).toEqual(['overdue']);
    expect(noticesOwed(due, '2027-04-01', ['lead-30', 'lead-7', 'due', 'overdue'])).toEqual([]);
  });

  it('owes "due" and then "overdue" to a scheduler that was down through the due date', () => {
    expect(noticesOwed(due, '2027-05-20', [])).toEqual(['due', 'overdue']);
  });

  it('follows configured lead days', () => {
    expect(noticesOwed(due, '2027-01-30', [], [60, 14])).toEqual(['lead-60']);
    expect(noticesOwed(due, '2027-01-30', [], [14])).toEqual([]);
  });
});
