-- plinth:no-transaction
-- plinth:lint-ignore destructive
DROP TABLE legacy;
-- plinth:lint-ignore destructiv the rule name is misspelled
DROP TABLE legacy2;
-- plinth:lint-ingore destructive typo in the directive name
SELECT 1;
-- an ordinary comment that mentions plinth:rename is no directive
SELECT 2; -- plinth:lint-ignore destructive trailing directive applies to this statement
DROP TABLE legacy3; -- plinth:lint-ignore destructive trailing directive for this statement
