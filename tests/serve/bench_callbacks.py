"""Reported, not asserted: 1,000 Standard executions waiting on task tokens at once in one
`asl serve`, its memory (VmRSS) before and after, then every token answered.
Usage: python bench_callbacks.py PATH/TO/asl"""
import json, subprocess, sys, time, boto3, botocore.config
asl=sys.argv[1]
p=subprocess.Popen([asl,"serve","--port","0"],stdout=subprocess.PIPE,text=True)
url=p.stdout.readline().strip()[len("listening on "):]
sfn=boto3.client("stepfunctions",endpoint_url=url,region_name="us-east-1",aws_access_key_id="t",aws_secret_access_key="t",config=botocore.config.Config(inject_host_prefix=False))
def rss(): return int([l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")][0].split()[1])
d={"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token","order.$":"$"}},"End":True}}}
arn=sfn.create_state_machine(name="Wait",definition=json.dumps(d),roleArn="arn:aws:iam::1:role/r")["stateMachineArn"]
base=rss(); t=time.time()
arns=[sfn.start_execution(stateMachineArn=arn,input=json.dumps({"order":i,"items":list(range(20))}))["executionArn"] for i in range(1000)]
time.sleep(1)
waiting=sum(1 for a in arns[::100] if sfn.describe_execution(executionArn=a)["status"]=="RUNNING")
after=rss()
print(f"1000 Standard executions waiting on callbacks: started in {time.time()-t:.1f} s, server RSS {base/1024:.1f} MiB -> {after/1024:.1f} MiB ({(after-base)/1000:.1f} KiB per execution); sampled running: {waiting}/10")
toks=[]
for a in arns:
    ev=[e for e in sfn.get_execution_history(executionArn=a)["events"] if e["type"]=="TaskScheduled"][0]
    toks.append(json.loads(ev["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"])
t=time.time()
for tok in toks: sfn.send_task_success(taskToken=tok,output="{}")
time.sleep(0.5)
done=sum(1 for a in arns[::50] if sfn.describe_execution(executionArn=a)["status"]=="SUCCEEDED")
print(f"answered 1000 tokens in {time.time()-t:.1f} s; sampled succeeded {done}/20; RSS {rss()/1024:.1f} MiB")
p.terminate()
