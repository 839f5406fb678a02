"""The council's decision cycle: meetings and their agendas, drafts and the decisions that adopt them, working
days, the legal deadlines and how well they were kept, and the meetings' iCalendar feed."""
