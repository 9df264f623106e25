//! AddState, InsertBetween, RenameState, DeleteState and MoveState on the 2-space machine.

use super::*;
use serde_json::json;

const EMPTY: &str = r#"{
  "Comment": "A new machine",
  "StartAt": "",
  "States": {}
}
"#;

const EMPTY_BRANCH: &str = r#"{
  "StartAt": "Fan",
  "States": {
    "Fan": {
      "Type": "Parallel",
      "Branches": [
        {
          "States": {}
        }
      ],
      "End": true
    }
  }
}
"#;

const LOOP: &str = r#"{
  "StartAt": "Poll",
  "States": {
    "Poll": {
      "Type": "Wait",
      "Seconds": 5,
      "Next": "Poll"
    }
  }
}
"#;

/// A state with a comment and odd formatting inside, and a Parallel to move it into.
const COMMENTED: &str = r#"{
  "StartAt": "Prepare",
  "States": {
    "Prepare": {
      "Type": "Pass",
      // seeds the branch input
      "Result": {"seed": 1},
      "Next": "Fan"
    },
    "Fan": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "Left",
          "States": {
            "Left": {"Type": "Pass", "End": true}
          }
        }
      ],
      "End": true
    }
  }
}
"#;

fn pass() -> Value {
    json!({"Type": "Pass"})
}

#[test]
fn add_state_to_the_machine() {
    check(
        MACHINE,
        add("", "Audit", json!({"Type": "Pass", "End": true})),
        r#"
+96:     },
+97:     "Audit": {
+98:       "Type": "Pass",
+99:       "End": true
"#,
    );
}

#[test]
fn add_state_to_a_parallel_branch() {
    let doc = check(
        MACHINE,
        add("/States/Ship/Branches/0", "Track", json!({"Type": "Pass", "End": true})),
        r#"
+63:             },
+64:             "Track": {
+65:               "Type": "Pass",
+66:               "End": true
"#,
    );
    assert_eq!(doc.to_value()["States"]["Ship"]["Branches"][0]["StartAt"], "Label");
}

#[test]
fn add_state_to_a_map_item_processor() {
    check(
        MACHINE,
        add("/States/Items/ItemProcessor", "Weigh", json!({"Type": "Pass", "End": true})),
        r#"
+88:           },
+89:           "Weigh": {
+90:             "Type": "Pass",
+91:             "End": true
"#,
    );
}

#[test]
fn add_state_to_an_empty_machine_makes_it_start_at() {
    check(
        EMPTY,
        add("", "First", json!({"Type": "Succeed"})),
        r#"
-3:   "StartAt": "",
-4:   "States": {}
+3:   "StartAt": "First",
+4:   "States": {
+5:     "First": {
+6:       "Type": "Succeed"
+7:     }
+8:   }
"#,
    );
}

#[test]
fn add_state_to_an_empty_branch_writes_start_at_before_states() {
    check(
        EMPTY_BRANCH,
        add("/States/Fan/Branches/0", "Work", json!({"Type": "Pass", "End": true})),
        r#"
-8:           "States": {}
+8:           "StartAt": "Work",
+9:           "States": {
+10:             "Work": {
+11:               "Type": "Pass",
+12:               "End": true
+13:             }
+14:           }
"#,
    );
}

#[test]
fn insert_between_on_next() {
    check(
        MACHINE,
        insert_between("/States/Charge", Transition::Next, "Audit", pass()),
        r#"
+48:       "Next": "Audit"
+49:     },
+50:     "Audit": {
+51:       "Type": "Pass",
"#,
    );
}

#[test]
fn insert_between_after_an_end_state_gives_the_new_state_the_end() {
    check(
        MACHINE,
        insert_between(
            "/States/Items",
            Transition::Next,
            "Report",
            json!({"Type": "Pass", "Next": "Nowhere"}),
        ),
        r#"
+91:       "Next": "Report"
+92:     },
+93:     "Report": {
+94:       "Type": "Pass",
"#,
    );
}

#[test]
fn insert_between_on_a_choice_rule() {
    check(
        MACHINE,
        insert_between("/States/Route", Transition::ChoiceRule(0), "Escalate", pass()),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Escalate"},
+40:     "Escalate": {
+41:       "Type": "Pass",
+42:       "Next": "Review"
+43:     },
"#,
    );
}

#[test]
fn insert_between_on_a_default() {
    check(
        MACHINE,
        insert_between("/States/Route", Transition::Default, "Discount", pass()),
        r#"
-38:       "Default": "Charge"
+38:       "Default": "Discount"
+40:     "Discount": {
+41:       "Type": "Pass",
+42:       "Next": "Charge"
+43:     },
"#,
    );
}

#[test]
fn insert_between_on_a_catch() {
    check(
        MACHINE,
        insert_between("/States/Validate", Transition::Catch(0), "LogError", pass()),
        r#"
-27:           "Next": "Failed"
+27:           "Next": "LogError"
+32:     "LogError": {
+33:       "Type": "Pass",
+34:       "Next": "Failed"
+35:     },
"#,
    );
}

#[test]
fn insert_between_a_choice_sends_its_default_where_the_transition_went() {
    check(
        MACHINE,
        insert_between(
            "/States/Charge",
            Transition::Next,
            "Gate",
            json!({"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": false, "Next": "Failed"}]}),
        ),
        r#"
-48:       "Next": "Ship"
+48:       "Next": "Gate"
+50:     "Gate": {
+51:       "Type": "Choice",
+52:       "Choices": [
+53:         {
+54:           "Variable": "$.ok",
+55:           "BooleanEquals": false,
+56:           "Next": "Failed"
+57:         }
+58:       ],
+59:       "Default": "Ship"
+60:     },
"#,
    );
}

#[test]
fn rename_updates_every_reference_in_its_scope() {
    check(
        MACHINE,
        rename("/States/Charge", "ChargeCard"),
        r#"
-38:       "Default": "Charge"
+38:       "Default": "ChargeCard"
-43:       "Next": "Charge"
+43:       "Next": "ChargeCard"
-45:     "Charge": {
+45:     "ChargeCard": {
"#,
    );
    check(
        MACHINE,
        rename("/States/Validate", "Check"),
        r#"
-3:   "StartAt": "Validate",
+3:   "StartAt": "Check",
-5:     "Validate": {
+5:     "Check": {
"#,
    );
    // A Catch target and a Choice rule target.
    check(
        MACHINE,
        rename("/States/Failed", "Rejected"),
        r#"
-27:           "Next": "Failed"
+27:           "Next": "Rejected"
-36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed"}
+36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Rejected"}
-93:     "Failed": {
+93:     "Rejected": {
"#,
    );
}

#[test]
fn rename_inside_a_branch_leaves_other_scopes_alone() {
    check(
        MACHINE,
        rename("/States/Ship/Branches/0/States/Notify", "SendMail"),
        r#"
-58:               "Next": "Notify"
+58:               "Next": "SendMail"
-60:             "Notify": {
+60:             "SendMail": {
"#,
    );
    check(
        MACHINE,
        rename("/States/Items/ItemProcessor/States/Pack", "Box"),
        r#"
-83:         "StartAt": "Pack",
+83:         "StartAt": "Box",
-85:           "Pack": {
+85:           "Box": {
"#,
    );
}

#[test]
fn rename_updates_a_self_loop() {
    check(
        LOOP,
        rename("/States/Poll", "WaitLoop"),
        r#"
-2:   "StartAt": "Poll",
+2:   "StartAt": "WaitLoop",
-4:     "Poll": {
+4:     "WaitLoop": {
-7:       "Next": "Poll"
+7:       "Next": "WaitLoop"
"#,
    );
}

#[test]
fn rename_to_a_taken_name_is_a_conflict_in_any_scope() {
    for taken in ["Route", "Label", "Pack"] {
        let err = refuse(MACHINE, rename("/States/Charge", taken));
        assert!(matches!(err, EditError::Conflict(_)), "{taken}: {err:?}");
    }
}

#[test]
fn rename_to_an_odd_name_quotes_it() {
    check(
        LOOP,
        rename("/States/Poll", "Poll \"again\" / later"),
        r#"
-2:   "StartAt": "Poll",
+2:   "StartAt": "Poll \"again\" / later",
-4:     "Poll": {
+4:     "Poll \"again\" / later": {
-7:       "Next": "Poll"
+7:       "Next": "Poll \"again\" / later"
"#,
    );
}

#[test]
fn delete_reconnects_predecessors_to_its_next() {
    check(
        MACHINE,
        delete("/States/Review"),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Charge"},
-40:     "Review": {
-41:       "Type": "Wait",
-42:       "Seconds": 60,
-43:       "Next": "Charge"
-44:     },
"#,
    );
}

#[test]
fn delete_the_start_state_moves_start_at() {
    let doc = apply(MACHINE, &delete("/States/Validate"));
    let d = diff(MACHINE, doc.text());
    assert!(
        d.starts_with(
            "-3:   \"StartAt\": \"Validate\",\n+3:   \"StartAt\": \"Route\",\n-5:     \"Validate\": {\n"
        ),
        "{d}"
    );
    assert_eq!(d.lines().count(), 2 + 27, "{d}");
    assert_eq!(doc.machine().start_at.as_deref(), Some("Route"));
}

#[test]
fn delete_a_terminal_state_leaves_references_dangling() {
    check(
        MACHINE,
        delete("/States/Failed"),
        r#"
-92:     },
-93:     "Failed": {
-94:       "Type": "Fail",
-95:       "Error": "OrderFailed"
"#,
    );
    check(
        MACHINE,
        delete("/States/Ship/Branches/0/States/Notify"),
        r#"
-59:             },
-60:             "Notify": {
-61:               "Type": "Pass",
-62:               "End": true
"#,
    );
}

#[test]
fn delete_a_branch_start_state() {
    check(
        MACHINE,
        delete("/States/Ship/Branches/0/States/Label"),
        r#"
-54:           "StartAt": "Label",
+54:           "StartAt": "Notify",
-56:             "Label": {
-57:               "Type": "Pass",
-58:               "Next": "Notify"
-59:             },
"#,
    );
}

#[test]
fn delete_the_only_state_of_a_scope_leaves_an_empty_object() {
    check(
        MACHINE,
        delete("/States/Items/ItemProcessor/States/Pack"),
        r#"
-84:         "States": {
-85:           "Pack": {
-86:             "Type": "Pass",
-87:             "End": true
-88:           }
-89:         }
+84:         "States": {}
"#,
    );
}

#[test]
fn move_into_a_parallel_branch_and_back_out() {
    let inside = check(
        MACHINE,
        move_state("/States/Review", "/States/Ship/Branches/1"),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Charge"},
-40:     "Review": {
-41:       "Type": "Wait",
-42:       "Seconds": 60,
-43:       "Next": "Charge"
-44:     },
+67:             },
+68:             "Review": {
+69:               "Type": "Wait",
+70:               "Seconds": 60,
+71:               "End": true
"#,
    );
    let back = check(
        inside.text(),
        move_state("/States/Ship/Branches/1/States/Review", ""),
        r#"
-67:             },
-68:             "Review": {
-69:               "Type": "Wait",
-70:               "Seconds": 60,
-71:               "End": true
+91:     },
+92:     "Review": {
+93:       "Type": "Wait",
+94:       "Seconds": 60,
+95:       "End": true
"#,
    );
    assert_eq!(back.machine().states.last().unwrap().name, "Review");
}

#[test]
fn move_keeps_the_state_text_comments_included() {
    let inside = check(
        COMMENTED,
        move_state("/States/Prepare", "/States/Fan/Branches/0"),
        r#"
-2:   "StartAt": "Prepare",
+2:   "StartAt": "Fan",
-4:     "Prepare": {
-5:       "Type": "Pass",
-6:       // seeds the branch input
-7:       "Result": {"seed": 1},
-8:       "Next": "Fan"
-9:     },
-16:             "Left": {"Type": "Pass", "End": true}
+10:             "Left": {"Type": "Pass", "End": true},
+11:             "Prepare": {
+12:               "Type": "Pass",
+13:               // seeds the branch input
+14:               "Result": {"seed": 1},
+15:               "End": true
+16:             }
"#,
    );
    check(
        inside.text(),
        move_state("/States/Fan/Branches/0/States/Prepare", ""),
        r#"
-10:             "Left": {"Type": "Pass", "End": true},
-11:             "Prepare": {
-12:               "Type": "Pass",
-13:               // seeds the branch input
-14:               "Result": {"seed": 1},
-15:               "End": true
-16:             }
+10:             "Left": {"Type": "Pass", "End": true}
+15:     },
+16:     "Prepare": {
+17:       "Type": "Pass",
+18:       // seeds the branch input
+19:       "Result": {"seed": 1},
+20:       "End": true
"#,
    );
}

#[test]
fn move_into_an_empty_branch_makes_it_start_at() {
    let text = EMPTY_BRANCH.replace(
        "      \"End\": true\n    }\n  }",
        "      \"Next\": \"Done\"\n    },\n    \"Done\": {\n      \"Type\": \"Succeed\"\n    }\n  }",
    );
    let doc = apply(&text, &move_state("/States/Done", "/States/Fan/Branches/0"));
    let branch = &doc.to_value()["States"]["Fan"]["Branches"][0];
    assert_eq!(branch["StartAt"], "Done");
    assert_eq!(branch["States"]["Done"], json!({"Type": "Succeed"}));
}

#[test]
fn insert_between_next_to_a_one_line_state_writes_a_one_line_state() {
    check(
        COMMENTED,
        insert_between("/States/Fan/Branches/0/States/Left", Transition::Next, "Right", pass()),
        r#"
-16:             "Left": {"Type": "Pass", "End": true}
+16:             "Left": {"Type": "Pass", "Next": "Right"},
+17:             "Right": {"Type": "Pass", "End": true}
"#,
    );
}
