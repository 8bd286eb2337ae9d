CREATE TABLE "user" (
    "order" integer NOT NULL,
    "Select" text,
    "group" text,
    CONSTRAINT user_pkey PRIMARY KEY ("order"),
    CONSTRAINT "user_Select_key" UNIQUE ("Select"),
    CONSTRAINT "user group key" UNIQUE ("group", "Select")
);

CREATE TABLE a_table_name_that_is_long_enough_to_push_derived_names_over (
    id uuid NOT NULL,
    another_rather_long_column_name text,
    CONSTRAINT a_table_name_that_is_long_enough_to_push_derived_names_2f26a5fc PRIMARY KEY (id),
    CONSTRAINT a_table_name_that_is_long_enough_to_push_derived_names_41f6ee3a UNIQUE (another_rather_long_column_name)
);

CREATE INDEX a_table_name_that_is_long_enough_to_push_derived_names_2a00d662 ON a_table_name_that_is_long_enough_to_push_derived_names_over (another_rather_long_column_name, id);
