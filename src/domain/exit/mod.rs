//! Where hypercare stands and whether it can end: exit criteria evaluated from the data (never
//! ticked by hand) and the system health figures that become the baseline for monitoring.
pub mod criteria;
pub mod health;
pub mod review;

#[cfg(test)]
mod stable_tests;
#[cfg(test)]
mod tests;
